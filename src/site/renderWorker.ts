import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/open.js';
import { similarIncidentsFinder } from '../similar/similar.js';
import { HtmlCache } from './htmlCache.js';
import { type RenderJob, type RenderSettings, renderIncidentPage } from './renderIncidentPage.js';
import { seenBefore } from './similar.js';

/**
 * A render worker of the site loader: takes batches of jobs, answers with their
 * entries (or the first error). It finds a job's "seen before" links itself, on
 * its own connection to the database (the search behind them is most of the
 * work of a cold build after rendering, so it runs in parallel too).
 */
const { settings, htmlDir, db: dbFile, included } = workerData as { settings: RenderSettings; htmlDir: string; db: string; included: string[] };
const cache = new HtmlCache(htmlDir);
const find = similarIncidentsFinder(openDatabase(dbFile), { titles: 'preloaded' });
const shown = new Set(included);
parentPort?.on('message', (batch: { id: number; jobs: RenderJob[] }) => {
  try {
    const entries = batch.jobs.map((job) => renderIncidentPage({ ...job, similar: job.similar ?? seenBefore(find, job.incident.id, shown) }, settings, cache));
    parentPort?.postMessage({ id: batch.id, entries, hits: cache.stats.hits });
  } catch (error) {
    parentPort?.postMessage({ id: batch.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
