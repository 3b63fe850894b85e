import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { EXIT, UserError } from '../errors.js';
import { parseIncidentFile } from '../record/fileForm.js';
import type { Incident } from '../record/schema.js';
import { withActionIds } from './syncState.js';

/** One record file, parsed and validated, or the reason it is not valid. */
export type ParsedRecord =
  | { file: string; ok: true; incident: Incident }
  | { file: string; ok: false; error: { code: string; message: string; details: string[]; hint: string | undefined } };

/** Below this many files, worker threads cost more than they save. */
const PARALLEL_THRESHOLD = 64;
const BATCH_SIZE = 50;

/** Reads, parses and validates one record file. Never throws for bad content. */
export function parseRecordFile(file: string): ParsedRecord {
  try {
    return { file, ok: true, incident: withActionIds(parseIncidentFile(fs.readFileSync(file, 'utf8'), file)) };
  } catch (error) {
    if (error instanceof UserError) return { file, ok: false, error: { code: error.code, message: error.message, details: error.details, hint: error.hint } };
    const reason = (error as NodeJS.ErrnoException).code === 'EISDIR' ? 'is a folder' : `cannot be read (${(error as Error).message})`;
    return { file, ok: false, error: { code: 'file-unreadable', message: `${file} ${reason}.`, details: [], hint: undefined } };
  }
}

/**
 * Parses record files in order. YAML parsing and validation dominate an
 * import, so large imports spread them over worker threads while the caller
 * writes what has arrived; results still come back in file order.
 */
export async function* parseRecordFiles(files: readonly string[]): AsyncGenerator<ParsedRecord> {
  const workerScript = fileURLToPath(new URL('./parseWorker.js', import.meta.url));
  const threads = Math.min(os.availableParallelism?.() ?? os.cpus().length, 4);
  if (files.length < PARALLEL_THRESHOLD || threads < 2 || !fs.existsSync(workerScript)) {
    for (const file of files) yield parseRecordFile(file);
    return;
  }
  const batches: string[][] = [];
  for (let i = 0; i < files.length; i += BATCH_SIZE) batches.push(files.slice(i, i + BATCH_SIZE));
  const done = new Map<number, ParsedRecord[]>();
  let wake: (() => void) | null = null;
  let failure: Error | null = null;
  let next = 0;
  const workers = Array.from({ length: Math.min(threads, batches.length) }, () => new Worker(workerScript));
  const feed = (worker: Worker) => {
    if (next >= batches.length) return;
    const index = next++;
    worker.postMessage({ index, files: batches[index] });
  };
  for (const worker of workers) {
    worker.on('message', (message: { index: number; json: string }) => {
      done.set(message.index, JSON.parse(message.json) as ParsedRecord[]);
      feed(worker);
      wake?.();
    });
    worker.on('error', (error) => {
      failure = error;
      wake?.();
    });
    feed(worker);
  }
  try {
    for (let index = 0; index < batches.length; index++) {
      while (!done.has(index)) {
        if (failure)
          throw new UserError('parse-failed', `Reading record files failed: ${(failure as Error).message}`, { exitCode: EXIT.failure, cause: failure });
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = null;
      }
      const results = done.get(index) ?? [];
      done.delete(index);
      yield* results;
    }
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
