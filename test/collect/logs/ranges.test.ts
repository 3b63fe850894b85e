import { describe, expect, it } from 'vitest';
import { createLogDigest, digestSettings } from '../../../src/collect/logs/digest.js';
import { digestInRanges, type RangeSizes } from '../../../src/collect/logs/parallelDigest.js';
import { type ByteSource, digestRange } from '../../../src/collect/logs/rangeDigest.js';
import type { LogCollection } from '../../../src/collect/logs/types.js';
import { createRedactor } from '../../../src/redact/redact.js';
import { FORMAT_FIXTURES, fixture, NOW } from './helpers.js';

/** Small slices, so that ranges, lead-ins and slice ends fall everywhere. */
const SLICE = 256;

function bufferSource(bytes: Buffer): ByteSource {
  return {
    read(buffer, length, position) {
      if (position >= bytes.length) return 0;
      return bytes.copy(buffer, 0, position, Math.min(bytes.length, position + length));
    },
  };
}

const options = { source: 'test', now: () => NOW, sliceBytes: SLICE };

function onePass(bytes: Buffer, extra: Record<string, unknown> = {}): LogCollection {
  const d = createLogDigest({ ...options, ...extra, redactor: createRedactor() });
  d.push(bytes);
  return d.end();
}

async function inRanges(bytes: Buffer, sizes: RangeSizes, extra: Record<string, unknown> = {}) {
  const source = bufferSource(bytes);
  const settings = digestSettings({ ...options, ...extra });
  return digestInRanges(source, bytes.length, settings, sizes, async (plans) => plans.map((plan) => digestRange(source, plan, settings)));
}

/** A repeatable mix of the fixtures, cut at random line ends and shuffled, with keys, migrations and marker runs. */
function mixedLog(seed: number, parts: number): Buffer {
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
  const pieces: string[] = [];
  for (let i = 0; i < parts; i++) {
    const lines = fixture(FORMAT_FIXTURES[Math.floor(random() * FORMAT_FIXTURES.length)] as string)
      .toString('utf8')
      .split('\n');
    const from = Math.floor(random() * lines.length);
    pieces.push(lines.slice(from, from + 5 + Math.floor(random() * 40)).join('\n'));
    const extra = random();
    if (extra < 0.01) {
      pieces.push(
        '2026-01-05 17:00:01,000 [ERROR] app: cannot load key\n-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA7bq3Zm9vYmFy\nZm9vYmFyYmF6cXV4cXV1eA==\n-----END RSA PRIVATE KEY-----',
      );
    } else if (extra < 0.02) {
      pieces.push(
        '{"level":"error","time":"2026-01-05T17:00:00Z","msg":"-----BEGIN RSA PRIVATE KEY-----"}\n{"level":"error","time":"2026-01-05T17:00:00Z","msg":"Zm9vYmFyYmF6cXV4cXV1eA=="}',
      );
    } else if (extra < 0.2) {
      pieces.push('INFO  [alembic.runtime.migration] Running upgrade abc -> def, add table\nINFO  [alembic.runtime.migration] Will assume transactional DDL.');
    } else if (extra < 0.25) {
      pieces.push(
        '2026-01-05T17:00:00Z heroku[web.1]: State changed from starting to up\n2026-01-05T17:00:05Z heroku[web.1]: State changed from starting to up',
      );
    } else if (extra < 0.3) {
      pieces.push(
        `2026-01-05 17:0${Math.floor(random() * 10)}:00,000 [ERROR] app: request ${Math.floor(random() * 1e6)} failed password=hunter${Math.floor(random() * 100)}x`,
      );
    }
  }
  return Buffer.from(`${pieces.join('\n')}\n`);
}

describe('digestInRanges', () => {
  it.each(FORMAT_FIXTURES)('gives exactly the one pass result for %s, in ranges of any size', async (name) => {
    const bytes = fixture(name);
    const whole = onePass(bytes);
    for (const rangeBytes of [97, 300, 1000]) {
      for (const leadBytes of [0, 512]) {
        const { collection } = await inRanges(bytes, { rangeBytes, leadBytes });
        expect(collection).toEqual(whole);
      }
    }
  });

  it.each([1, 2, 3, 4, 5, 6])('gives exactly the one pass result for a generated mixed log (seed %i)', async (seed) => {
    const bytes = mixedLog(seed, 400);
    const whole = onePass(bytes);
    for (const rangeBytes of [500, 4000, 20_000]) {
      const { collection, ranges, rejoined } = await inRanges(bytes, { rangeBytes, leadBytes: 1024 });
      expect(collection).toEqual(whole);
      // Most ranges join: the merge is what is being tested, not the re-reading.
      expect(rejoined.length).toBeLessThan(ranges / 2);
    }
  });

  it('masks a private key block whole, and keeps a traceback whole, wherever a range starts', async () => {
    const lines = [
      '2026-01-05 17:00:00,000 [INFO] app: starting',
      '2026-01-05 17:00:01,000 [ERROR] app: cannot load key',
      '-----BEGIN RSA PRIVATE KEY-----',
      'MIIEpAIBAAKCAQEA7bq3Zm9vYmFyYmF6cXV4cXV1eA',
      'Zm9vYmFyYmF6cXV4cXV1eAMIIEpAIBAAKCAQEA7bq3',
      '-----END RSA PRIVATE KEY-----',
      '2026-01-05 17:00:02,000 [ERROR] app.jobs: job failed',
      'Traceback (most recent call last):',
      '  File "/app/jobs.py", line 58, in run',
      'ValueError: max() arg is an empty sequence',
      '2026-01-05 17:00:03,000 [INFO] app: done',
    ];
    const bytes = Buffer.from(`${Array.from({ length: 8 }, () => lines.join('\n')).join('\n')}\n`);
    const whole = onePass(bytes);
    expect(JSON.stringify(whole)).not.toContain('Zm9vYmFy');
    for (let rangeBytes = 40; rangeBytes < 900; rangeBytes += 37) {
      const { collection } = await inRanges(bytes, { rangeBytes, leadBytes: 0 });
      expect(collection).toEqual(whole);
    }
  });

  it('gives exactly the one pass result when the group and marker caps are reached', async () => {
    const limits = { maxGroups: 6, keepGroups: 4, maxMarkers: 6 };
    for (const seed of [11, 12]) {
      const bytes = mixedLog(seed, 300);
      const whole = onePass(bytes, { limits });
      expect(whole.warnings.join('\n')).toMatch(/distinct error\/warning messages/);
      expect(whole.warnings.join('\n')).toMatch(/lifecycle markers? from the middle/);
      for (const rangeBytes of [5000]) {
        const { collection } = await inRanges(bytes, { rangeBytes, leadBytes: 1024 }, { limits });
        expect(collection).toEqual(whole);
      }
    }
  });

  it('gives exactly the one pass result with --since/--until and a forced format', async () => {
    const bytes = mixedLog(9, 300);
    for (const extra of [{ since: '2026-01-05 17:00:30', until: '2026-01-05T17:05:00Z' }, { format: 'json' }, { tz: 'Europe/Berlin' }]) {
      const whole = onePass(bytes, extra);
      const { collection } = await inRanges(bytes, { rangeBytes: 2000, leadBytes: 1024 }, extra);
      expect(collection).toEqual(whole);
    }
  });
});
