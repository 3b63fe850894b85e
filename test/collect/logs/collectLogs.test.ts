import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { collectLogs } from '../../../src/collect/logs/collectLogs.js';
import { userError } from '../../helpers/errors.js';
import { tempDir } from '../../helpers/temp.js';
import { FIXTURES, fixture, groups, NOW } from './helpers.js';

const ctx = (extra: object = {}) => ({ stdin: Readable.from([]), cwd: FIXTURES, now: () => NOW, ...extra });

describe('collectLogs', () => {
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
