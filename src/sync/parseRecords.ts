import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { EXIT, UserError } from '../errors.js';
import type { MarkdownImportReport } from '../markdown/index.js';
import { parseIncidentFile, validateIncident } from '../record/fileForm.js';
import type { Incident } from '../record/schema.js';
import { withActionIds } from './syncState.js';

/** One record file, parsed and validated, or the reason it is not valid. */
export type ParsedRecord =
  | { file: string; ok: true; incident: Incident; report?: MarkdownImportReport }
  | { file: string; ok: false; error: { code: string; message: string; details: string[]; hint: string | undefined } };

/** Below this many files, worker threads cost more than they save. */
const PARALLEL_THRESHOLD = 64;
const BATCH_SIZE = 50;
const MARKDOWN_BATCH_SIZE = 16;

/** Worker threads to use: POSTMORTEM_PARSE_THREADS, else one per core beyond the first, at most 3. */
function workerCount(): number {
  const configured = Number.parseInt(process.env.POSTMORTEM_PARSE_THREADS ?? '', 10);
  if (Number.isInteger(configured) && configured >= 0) return configured;
  return Math.min((os.availableParallelism?.() ?? os.cpus().length) - 1, 3);
}

const RECORD_FILE = /\.(ya?ml|json)$/i;

/** True for a Markdown postmortem: anything that is not a .yaml, .yml or .json record file. */
export function isMarkdownFile(file: string): boolean {
  return !RECORD_FILE.test(file);
}

type MarkdownModule = typeof import('../markdown/index.js');

/**
 * Reads, parses and validates one file: a YAML/JSON record, or (given the
 * Markdown module) a Markdown postmortem. Never throws for bad content.
 */
export function parseRecordFile(file: string, markdown?: MarkdownModule): ParsedRecord {
  try {
    const text = fs.readFileSync(file, 'utf8');
    if (markdown && isMarkdownFile(file)) {
      const { record, report } = markdown.parseMarkdownPostmortem(text, { fileName: path.basename(file) });
      return { file, ok: true, incident: withActionIds(validateIncident(record, file)), report };
    }
    return { file, ok: true, incident: withActionIds(parseIncidentFile(text, file)) };
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
  // The caller's thread writes rows meanwhile, so leave it a core.
  const threads = workerCount();
  // The Markdown parser loads only when there are Markdown postmortems (workers load it the same way).
  const markdown = files.some(isMarkdownFile) ? await import('../markdown/index.js') : undefined;
  if (files.length < PARALLEL_THRESHOLD || threads < 1 || !fs.existsSync(workerScript)) {
    for (const file of files) yield parseRecordFile(file, markdown);
    return;
  }
  // Markdown files take longer each: smaller batches keep every thread busy to the end.
  const batchSize = markdown ? MARKDOWN_BATCH_SIZE : BATCH_SIZE;
  const batches: string[][] = [];
  for (let i = 0; i < files.length; i += batchSize) batches.push(files.slice(i, i + batchSize));
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
    worker.on('message', (message: { index: number; results: ParsedRecord[] }) => {
      done.set(message.index, message.results);
      feed(worker);
      wake?.();
    });
    worker.on('error', (error) => {
      failure = error;
      wake?.();
    });
    // Two batches each, so a worker always has the next one queued while its result waits.
    feed(worker);
    feed(worker);
  }
  try {
    for (let index = 0; index < batches.length; index++) {
      while (!done.has(index)) {
        if (failure)
          throw new UserError('parse-failed', `Reading record files failed: ${(failure as Error).message}`, { exitCode: EXIT.failure, cause: failure });
        // Let queued worker messages in first: handling them feeds the workers.
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (done.has(index)) break;
        if (next < batches.length) {
          // Rather than wait, this thread parses a batch of its own.
          const mine = next++;
          done.set(
            mine,
            (batches[mine] ?? []).map((file) => parseRecordFile(file, markdown)),
          );
          continue;
        }
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
