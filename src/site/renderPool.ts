import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { RenderJob, RenderSettings } from './renderIncidentPage.js';
import type { SiteIncident } from './types.js';

/**
 * Renders jobs on worker threads, one per core (Markdown to HTML is most of a
 * cold build), calling `done` with each entry in the main thread. A batch is
 * sent when a worker is free, so memory stays bounded by what is in flight.
 */
export class RenderPool {
  private readonly workers: Worker[];
  private readonly idle: Worker[] = [];
  private readonly waiting: Array<() => void> = [];
  private readonly pending = new Set<Promise<void>>();
  private nextId = 0;

  /** `db` and `included`: the database and the incidents on the site, for the workers' "seen before" links. */
  constructor(
    settings: RenderSettings,
    htmlDir: string,
    source: { db: string; included: ReadonlySet<string> },
    threads = Math.max(1, Math.min(4, os.availableParallelism())),
  ) {
    const url = new URL('./renderWorker.js', import.meta.url);
    const workerData = { settings, htmlDir, db: source.db, included: [...source.included] };
    this.workers = Array.from({ length: threads }, () => new Worker(url, { workerData }));
    this.idle.push(...this.workers);
  }

  /** Sends a batch to the next free worker (waiting for one); resolves once it is sent (await `finish` for the results). */
  async render(batch: RenderJob[], done: (entry: SiteIncident) => void): Promise<void> {
    const worker = await this.freeWorker();
    const id = this.nextId++;
    const result = new Promise<void>((resolve, reject) => {
      const onMessage = (message: { id: number; entries?: SiteIncident[]; error?: string }) => {
        if (message.id !== id) return;
        worker.off('message', onMessage);
        worker.off('error', reject);
        this.release(worker);
        if (message.error) reject(new Error(`Rendering an incident for the site failed: ${message.error}`));
        else {
          for (const entry of message.entries ?? []) done(entry);
          resolve();
        }
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
    });
    worker.postMessage({ id, jobs: batch });
    const tracked = result.finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
    // Surface a failure at `finish`, not as an unhandled rejection now.
    tracked.catch(() => undefined);
  }

  /** Waits for every batch, then stops the workers. */
  async finish(): Promise<void> {
    try {
      await Promise.all(this.pending);
    } finally {
      await Promise.all(this.workers.map((worker) => worker.terminate()));
    }
  }

  private freeWorker(): Promise<Worker> {
    const worker = this.idle.pop();
    if (worker) return Promise.resolve(worker);
    return new Promise((resolve) => this.waiting.push(() => resolve(this.idle.pop() as Worker)));
  }

  private release(worker: Worker): void {
    this.idle.push(worker);
    this.waiting.shift()?.();
  }
}
