import { describe, expect, it } from 'vitest';
import { createProgressBar } from '../../../src/collect/logs/progress.js';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { stream: { isTTY, write: (text: string) => writes.push(text) } as unknown as NodeJS.WriteStream, writes };
}

describe('createProgressBar', () => {
  it('prints nothing when the stream is not a terminal', () => {
    const { stream, writes } = fakeStream(false);
    const bar = createProgressBar(stream);
    bar.update(10, 100);
    bar.done();
    expect(writes).toEqual([]);
  });

  it('redraws one line on a terminal, at most every 100 ms, and clears it when done', () => {
    const { stream, writes } = fakeStream(true);
    let now = 0;
    const bar = createProgressBar(stream, () => now);
    now = 1000;
    bar.update(250e6, 1e9);
    now = 1050;
    bar.update(260e6, 1e9);
    now = 2000;
    bar.update(600e6, null);
    bar.done();
    expect(writes).toEqual(['\r[######------------------] 25% 250.0 MB of 1.00 GB, 250.0 MB/s\u001b[K', '\r600.0 MB read, 300.0 MB/s\u001b[K', '\r\u001b[K']);
  });
});
