import { parentPort } from 'node:worker_threads';
import { isMarkdownFile, parseRecordFile } from './parseRecords.js';

type MarkdownModule = typeof import('../markdown/index.js');
let markdown: Promise<MarkdownModule> | null = null;

/** Worker thread: parses batches of record files (YAML, JSON or Markdown postmortems) for `parseRecordFiles`. */
parentPort?.on('message', async (message: { index: number; files: string[] }) => {
  // The Markdown parser loads on the first batch that holds a Markdown file.
  if (markdown === null && message.files.some(isMarkdownFile)) markdown = import('../markdown/index.js');
  const module = markdown ? await markdown : undefined;
  // A JSON string crosses threads much faster than a structured clone of deep objects.
  parentPort?.postMessage({ index: message.index, results: message.files.map((file) => parseRecordFile(file, module)) });
});
