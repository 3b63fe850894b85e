import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import type { DigestSettings } from './digest.js';
import { digestRange, type RangePlan } from './rangeDigest.js';

/** What `readFileInRanges` gives each worker thread. */
export interface RangeJob {
  file: string;
  settings: DigestSettings;
  plan: RangePlan;
}

/** Progress is posted this often (bytes). */
const PROGRESS_BYTES = 16 * 1024 * 1024;

// A worker thread: reads one byte range of a log file and posts its digest (plain data).
const job = workerData as RangeJob;
const fd = fs.openSync(job.file, 'r');
try {
  let posted = job.plan.start;
  const result = digestRange({ read: (buffer, length, position) => fs.readSync(fd, buffer, 0, length, position) }, job.plan, job.settings, (position) => {
    if (position - posted < PROGRESS_BYTES) return;
    posted = position;
    parentPort?.postMessage({ read: position });
  });
  parentPort?.postMessage({ result });
} finally {
  fs.closeSync(fd);
}
