import { parentPort } from 'node:worker_threads';
import { parseRecordFile } from './parseRecords.js';

/** Worker thread: parses batches of record files for `parseRecordFiles`. */
parentPort?.on('message', (message: { index: number; files: string[] }) => {
  // A JSON string crosses threads much faster than a structured clone of deep objects.
  parentPort?.postMessage({ index: message.index, results: message.files.map((file) => parseRecordFile(file)) });
});
