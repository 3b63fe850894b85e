import { parentPort, workerData } from 'node:worker_threads';
import { HtmlCache } from './htmlCache.js';
import { type RenderJob, type RenderSettings, renderIncidentPage } from './renderIncidentPage.js';

/** A render worker of the site loader: takes batches of jobs, answers with their entries (or the first error). */
const { settings, htmlDir } = workerData as { settings: RenderSettings; htmlDir: string };
const cache = new HtmlCache(htmlDir);
parentPort?.on('message', (batch: { id: number; jobs: RenderJob[] }) => {
  try {
    parentPort?.postMessage({ id: batch.id, entries: batch.jobs.map((job) => renderIncidentPage(job, settings, cache)), hits: cache.stats.hits });
  } catch (error) {
    parentPort?.postMessage({ id: batch.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
