import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';
import { PLANTED_SECRETS } from '../../helpers/secrets.js';
import { tempDir } from '../../helpers/temp.js';

/**
 * The byte-range path with real worker threads, through the built CLI: vitest
 * runs src/, where the worker file (dist/…/digestWorker.js) cannot load, so the
 * unit tests in ranges.test.ts exercise the ranges and the merge without
 * threads. Here a log past the parallel threshold (32 MB) is collected with the
 * default threads and with POSTMORTEM_LOG_THREADS=1 (one pass), and the two
 * collections must be identical, secrets masked in both.
 */
const FIXTURES = fileURLToPath(new URL('../../fixtures/logs/', import.meta.url));
const SIZE = 34 * 1024 * 1024;

/** Every log fixture and a line per planted secret, repeated with a counter until the file passes SIZE. */
function writeBigLog(file: string): void {
  const fixtures = fs
    .readdirSync(FIXTURES)
    .sort()
    .map((name) => fs.readFileSync(path.join(FIXTURES, name), 'utf8'));
  const secrets = PLANTED_SECRETS.map((planted) => `2026-01-05T16:42:00Z ERROR ${planted.text}`);
  const fd = fs.openSync(file, 'w');
  try {
    for (let round = 0, written = 0; written < SIZE; round++) {
      const chunk = `${fixtures.join('\n')}\n${secrets.join('\n')}\n2026-01-05T16:43:00Z INFO round ${round} done\n`;
      written += fs.writeSync(fd, chunk);
    }
  } finally {
    fs.closeSync(fd);
  }
}

describe('collect logs on worker threads (built CLI)', () => {
  it('gives exactly the one-pass collection for a log past the threshold', async () => {
    const dir = tempDir();
    const log = path.join(dir, 'big.log');
    writeBigLog(log);
    const collect = async (db: string, env: Record<string, string>) => {
      for (const args of [['--db', db, 'new', 'Big log', '--id', 'inc-1']]) expect((await runCli(args, { cwd: dir }))[0]).toBe(0);
      const [code, stdout, stderr] = await runCli(['--db', db, 'collect', 'logs', 'inc-1', 'big.log', '--json'], { cwd: dir, env });
      expect(code, stderr).toBe(0);
      return stdout;
    };
    const parallel = await collect(path.join(dir, 'a.db'), {});
    const onePass = await collect(path.join(dir, 'b.db'), { POSTMORTEM_LOG_THREADS: '1' });
    expect(parallel).toBe(onePass);
    for (const planted of PLANTED_SECRETS) expect(parallel).not.toContain(planted.secret);
    expect(JSON.parse(parallel)).toBeTruthy();
  }, 120_000);
});
