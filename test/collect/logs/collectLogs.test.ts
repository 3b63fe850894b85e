import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { collectLogs } from '../../../src/collect/logs/collectLogs.js';
import { userError } from '../../helpers/errors.js';
import { tempDir } from '../../helpers/temp.js';
import { digest, FIXTURES, fixture, groups, NOW } from './helpers.js';

const ctx = (extra: object = {}) => ({ stdin: Readable.from([]), cwd: FIXTURES, now: () => NOW, ...extra });

describe('collectLogs', () => {
  it('reads a file through one reused buffer with the same result as one whole push', async () => {
    // Errors whose lines before sit in an earlier read, and a traceback longer than several reads,
    // so the excerpts are made after the buffer they came from was read into again.
    const info = (i: number) => `2026-01-05T17:${String(Math.floor(i / 600) % 60).padStart(2, '0')}:00Z INFO request ${i} served in ${i % 97} ms\n`;
    const parts: string[] = [];
    let size = 0;
    let first = -1;
    for (let i = 0; size < 3_000_000; i++) {
      let line = info(i);
      // The first error starts just after the first 256 KiB read.
      if ((first < 0 && size >= 262_144) || (first >= 0 && i % 4000 === 0)) {
        if (first < 0) first = i;
        line = `2026-01-05T18:00:00Z ERROR job ${i} failed: connection reset\n`;
      }
      if (i === 9000) {
        line = `2026-01-05T18:30:00Z ERROR worker crashed\nTraceback (most recent call last):\n${'  File "/app/jobs.py", line 12, in run\n'.repeat(20_000)}RuntimeError: gave up\n`;
      }
      parts.push(line);
      size += line.length;
    }
    const text = parts.join('');
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'big.log'), text);
    const read = await collectLogs('big.log', { source: 'big' }, ctx({ cwd: dir }));
    const whole = digest(Buffer.from(text), { source: 'big', file: 'big.log' }, text.length);
    expect(read).toEqual(whole);
    expect(groups(read)[0]?.excerpt).toContain(`INFO request ${first - 2} served`);
    expect(groups(read)[1]?.excerpt).toContain('RuntimeError: gave up');
  });

  it('reads a file relative to cwd, named after it, and reports progress', async () => {
    const progress: [number, number | null][] = [];
    const c = await collectLogs('heroku.log', {}, ctx({ progress: (read: number, total: number | null) => progress.push([read, total]) }));
    expect(c.source).toMatchObject({ source: 'heroku.log', file: 'heroku.log', format: 'heroku', bytes: 2417 });
    expect(progress.at(-1)).toEqual([2417, 2417]);
  });

  it('reads stdin for -, in whatever chunks it comes', async () => {
    const bytes = fixture('python-logging.log');
    const chunks = [bytes.subarray(0, 100), bytes.subarray(100, 1001), bytes.subarray(1001)];
    const progress: (number | null)[] = [];
    const c = await collectLogs(
      '-',
      { source: 'worker' },
      ctx({ stdin: Readable.from(chunks), progress: (_: number, total: number | null) => progress.push(total) }),
    );
    expect(c.source).toMatchObject({ source: 'worker', file: null, lines: 34 });
    expect(groups(c)).toHaveLength(3);
    expect(new Set(progress)).toEqual(new Set([null]));
  });

  it('says when the file does not exist, and that nothing was written', async () => {
    const error = await userError(collectLogs('missing.log', {}, ctx()));
    expect({ code: error.code, exitCode: error.exitCode, message: error.message, hint: error.hint }).toMatchInlineSnapshot(`
      {
        "code": "not-found",
        "exitCode": 4,
        "hint": "Check the path (it is read from the current folder), or pipe the log in with -. Nothing was written.",
        "message": "The log file missing.log does not exist.",
      }
    `);
  });

  it('refuses a folder', async () => {
    const error = await userError(collectLogs('.', {}, ctx()));
    expect([error.code, error.exitCode, error.message]).toEqual(['not-a-file', 3, '. is a directory, not a log file.']);
  });

  it.skipIf(process.getuid?.() === 0)('says when the file cannot be read', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'secret.log');
    fs.writeFileSync(file, 'x\n', { mode: 0o000 });
    const error = await userError(collectLogs(file, {}, ctx()));
    expect([error.code, error.exitCode]).toEqual(['unreadable', 4]);
  });

  it('checks the options before it opens the file', async () => {
    const error = await userError(collectLogs('missing.log', { tz: 'Nowhere/City' }, ctx()));
    expect(error.code).toBe('bad-zone');
  });
});
