import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createLogDigest } from '../../../src/collect/logs/digest.js';
import { UserError } from '../../../src/errors.js';
import { logEventSchema, logSourceSchema } from '../../../src/record/schema.js';
import { createRedactor } from '../../../src/redact/redact.js';
import { digest, digestFixture, FORMAT_FIXTURES, fixture, groups, NOW } from './helpers.js';

describe('createLogDigest', () => {
  it.each(FORMAT_FIXTURES)('reads %s the same whatever the chunk size', (name) => {
    const whole = digest(fixture(name));
    expect(digest(fixture(name), {}, 7)).toEqual(whole);
    expect(digest(fixture(name), {}, 1)).toEqual(whole);
  });

  it.each(FORMAT_FIXTURES)('gives events and a source the record schema accepts (%s)', (name) => {
    const c = digestFixture(name);
    for (const event of c.events) expect(logEventSchema.parse(event)).toEqual(event);
    expect(logSourceSchema.parse(c.source)).toEqual(c.source);
  });

  it('joins several formats in one file and names the mix', () => {
    const mixed = Buffer.concat([fixture('pino.jsonl'), fixture('logfmt.log'), fixture('python-logging.log')]);
    const c = digest(mixed);
    expect(c.source.format).toBe('mixed (plain, json, logfmt)');
    expect(groups(c).map((g) => g.level)).toEqual(['warn', 'warn', 'error', 'error', 'fatal', 'warn', 'error', 'fatal']);
  });

  it('keeps only what falls between --since and --until, levels included', () => {
    const c = digestFixture('python-logging.log', { since: '2026-01-05 17:16:22', until: '2026-01-05T17:16:30Z' });
    expect(groups(c).map((g) => `${g.level} x${g.count}`)).toEqual(['error x2', 'warn x1']);
    expect(c.source.levels).toEqual({ error: 2, warn: 1, info: 1 });
    expect(c.source.first_time).toBe('2026-01-05T17:16:22.874Z');
    expect(c.source.last_time).toBe('2026-01-05T17:16:28.544Z');
    expect(c.source.lines).toBe(34);
  });

  it('reads zone-less --since in --tz', () => {
    // The lines are zone-less too: both are read in +01:00.
    const c = digestFixture('python-logging.log', { tz: '+01:00', since: '2026-01-05 17:16:40' });
    expect(groups(c).map((g) => `${g.level} ${g.time}`)).toEqual(['fatal 2026-01-05T16:16:40.777Z']);
    expect(groups(digestFixture('python-logging.log', { since: '2026-01-05T16:16:40+00:00', tz: '+01:00' }))).toHaveLength(1);
  });

  it('warns when --since is given but no line has a time', () => {
    expect(digest('just text\nmore text\n', { since: '2026-01-05T00:00:00Z' }).warnings).toEqual([
      '--since/--until were given, but no line carried a timestamp: every line was kept.',
    ]);
  });

  it('refuses bad options before reading anything', () => {
    const make = (options: object) => () => createLogDigest({ source: 'x', now: () => NOW, redactor: createRedactor(), ...options });
    const error = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        if (e instanceof UserError) return { code: e.code, message: e.message, exitCode: e.exitCode };
      }
      return null;
    };
    expect(error(make({ format: 'csv' }))).toMatchObject({ code: 'bad-format', exitCode: 3 });
    expect(error(make({ tz: 'Mars/Olympus' }))).toEqual({ code: 'bad-zone', message: '"Mars/Olympus" is not a time zone.', exitCode: 3 });
    expect(error(make({ since: 'yesterday' }))).toMatchObject({ code: 'bad-time', exitCode: 3 });
    expect(error(make({ since: '2026-01-06T00:00:00Z', until: '2026-01-05T00:00:00Z' }))).toMatchObject({ code: 'bad-window' });
    expect(error(make({ format: 'pino', tz: 'Europe/Berlin' }))).toBeNull();
  });

  it('reads a forced format, and says which lines did not look like it', () => {
    const c = digest('{"level":50,"msg":"boom","time":1767632400000}\nnot json at all ERROR\n', { format: 'pino' });
    expect(c.source.format).toBe('json');
    expect(c.warnings).toEqual(['1 line did not look like json (--format); it was read as plain text.']);
  });
});

describe('bad input', () => {
  it('says an empty log was empty', () => {
    const c = digest('');
    expect(c).toMatchObject({ events: [], warnings: ['The log was empty: no lines were read.'], source: { lines: 0, bytes: 0, format: 'text', levels: {} } });
  });

  it('reads a truncated JSON line as text and counts it', () => {
    const c = digest('{"level":30,"msg":"ok","time":1767632400000}\n{"level":50,"msg":"connection reset by pe');
    expect(c.warnings).toEqual(['1 line looked like JSON but did not parse (truncated?); it was read as plain text.']);
    expect(c.source.lines).toBe(2);
  });

  it('decodes invalid UTF-8 with replacement characters and counts the lines', () => {
    const bytes = Buffer.concat([
      Buffer.from('2026-01-05T17:00:00Z ERROR bad byte '),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('\n2026-01-05T17:00:01Z INFO fine\n'),
    ]);
    const c = digest(bytes);
    expect(c.warnings).toEqual(['1 line was not valid UTF-8 and was decoded with replacement characters.']);
    expect(groups(c)[0]?.message).toBe('bad byte \ufffd(');
  });

  it('survives binary data and says it looks binary', () => {
    const noise = Buffer.alloc(256 * 1024);
    let seed = 7;
    for (let i = 0; i < noise.length; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      noise[i] = seed >> 16;
    }
    const c = digest(noise);
    expect(c.warnings[0]).toMatch(/^The input looks like binary data, not a text log: [\d,]+ lines of [\d,]+ held NUL bytes or invalid UTF-8\.$/);
    expect(c.warnings.some((w) => /held NUL bytes \(binary data\); the NUL bytes were dropped/.test(w))).toBe(true);
    for (const event of c.events) expect(logEventSchema.parse(event)).toEqual(event);
  });

  it('recognises a gzip-compressed log', () => {
    expect(digest(zlib.gzipSync(fixture('python-logging.log'))).warnings[0]).toBe(
      'The input looks gzip-compressed; decompress it first (for example: zcat FILE | postmortem collect logs ID -).',
    );
  });

  it('skips a UTF-8 byte order mark, and says a UTF-16 log needs converting', () => {
    const withBom = digest(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), fixture('logfmt.log')]), {}, 2);
    expect(withBom.source.first_time).toBe('2026-01-05T17:00:00.118Z');
    expect(withBom.warnings).toEqual([]);
    const utf16 = digest(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('2026-01-05T17:00:00Z ERROR boom\n', 'utf16le')]));
    expect(utf16.warnings[0]).toBe(
      'The input looks UTF-16 encoded; convert it first (for example: iconv -f UTF-16 -t UTF-8 FILE | postmortem collect logs ID -).',
    );
  });

  it('keeps the first 64 KiB of a 50 MB line and goes on with the next', () => {
    const huge = Buffer.alloc(50 * 1024 * 1024, 'a');
    huge.write('2026-01-05T17:00:00Z ERROR ', 0);
    const c = digest(Buffer.concat([huge, Buffer.from('\n2026-01-05T17:00:01Z ERROR after the long line\n')]));
    expect(c.warnings).toEqual(['1 line was longer than 64 KiB; only the first 64 KiB of each was kept.']);
    expect(c.source.lines).toBe(2);
    expect(groups(c).map((g) => g.message.length)).toEqual([1001, 19]);
    expect(groups(c)[0]?.excerpt?.length).toBeLessThanOrEqual(4002);
  });
});

describe('groups and caps', () => {
  const errors = (n: number, times: (i: number) => number) =>
    Array.from({ length: n }, (_, i) =>
      Array.from(
        { length: times(i) },
        (_, k) =>
          `2026-01-05T17:${String(i).padStart(2, '0')}:${String(k % 60).padStart(2, '0')}Z ERROR kind${'abcdefghijklmnopqrstuvwxyz'[i % 26]}${'xyz'[Math.floor(i / 26)] ?? ''} failed for request ${k}`,
      ).join('\n'),
    ).join('\n');

  it('keeps the most frequent groups, in order of first time, and says how many were left out', () => {
    const c = digest(
      errors(5, (i) => i + 1),
      { limits: { keepGroups: 2 } },
    );
    expect(groups(c).map((g) => `${g.message.slice(0, 5)} x${g.count}`)).toEqual(['kindd x4', 'kinde x5']);
    expect(c.warnings).toEqual(['3 less frequent error/warning groups (6 lines) were left out; the 2 most frequent were kept.']);
  });

  it('stops tracking new fingerprints past the cap, and counts what it could not group', () => {
    const c = digest(
      errors(6, () => 2),
      { limits: { maxGroups: 4 } },
    );
    expect(groups(c)).toHaveLength(4);
    expect(c.source.levels.error).toBe(12);
    expect(c.warnings).toEqual([
      'More than 4 distinct error/warning messages: 4 later occurrences of new messages were counted in the levels but not grouped.',
    ]);
  });

  it('merges runs of one marker and keeps the first and last markers past the cap', () => {
    const lines: string[] = [];
    for (let i = 0; i < 30; i++)
      lines.push(
        `2026-01-05T17:${String(i).padStart(2, '0')}:00Z INFO Starting Container`,
        `2026-01-05T17:${String(i).padStart(2, '0')}:05Z ERROR Process exited with status 1`,
      );
    const c = digest(lines.join('\n'), { limits: { maxMarkers: 10 } });
    const kept = c.events.filter((e) => e.marker);
    expect(kept).toHaveLength(10);
    expect(kept[0]?.time).toBe('2026-01-05T17:00:00Z');
    expect(kept[9]?.time).toBe('2026-01-05T17:29:05Z');
    expect(c.warnings).toEqual(['50 lifecycle markers from the middle of the log were left out; the first and last 5 were kept.']);
  });
});

describe('redaction', () => {
  const SECRETS = [
    'hunter2-Sup3rSecret',
    'ghp_R8x2Kq9LmZ4vN7pT1wY6cB3dF5gH0jS2aE8u',
    'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTg4MTIifQ.c2lnbmF0dXJlLXZhbHVl',
    'Xk9vTq2LmR7pWz4N',
  ];
  const log = [
    '2026-01-05T17:00:00Z INFO boot with DATABASE_URL=postgresql://habits:Xk9vTq2LmR7pWz4N@db:5432/habits',
    '2026-01-05T17:00:01Z ERROR login failed for admin password=hunter2-Sup3rSecret',
    '2026-01-05T17:00:02Z ERROR GitHub push rejected: token ghp_R8x2Kq9LmZ4vN7pT1wY6cB3dF5gH0jS2aE8u expired',
    '2026-01-05T17:00:03Z INFO Running migrations against postgresql://habits:Xk9vTq2LmR7pWz4N@db:5432/habits',
    '2026-01-05T17:00:04Z ERROR request failed',
    'Traceback (most recent call last):',
    '  File "/app/auth.py", line 9, in check',
    '    verify("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTg4MTIifQ.c2lnbmF0dXJlLXZhbHVl")',
    'ValueError: bad token',
    '{"level":50,"time":1767632405000,"msg":"upstream auth failed","err":{"message":"token ghp_R8x2Kq9LmZ4vN7pT1wY6cB3dF5gH0jS2aE8u revoked"}}',
    '2026-01-05T17:00:06Z ERROR login failed for admin password=hunter2-Sup3rSecret',
  ].join('\n');

  it('masks every secret before it is fingerprinted or stored, and counts every occurrence', () => {
    const c = digest(log);
    const stored = JSON.stringify(c);
    for (const secret of SECRETS) expect(stored).not.toContain(secret);
    expect(stored).toContain('[REDACTED:');
    expect(groups(c)[0]).toMatchObject({
      message: 'login failed for admin password=[REDACTED:password]',
      count: 2,
      fingerprint: 'login failed for admin password=[REDACTED:password]',
    });
    expect(c.redactions.password).toBeGreaterThanOrEqual(2);
    expect(c.redactions['github-token']).toBeGreaterThanOrEqual(2);
  });

  it('masks a private key logged record by record, even when a short body line was seen before the key', () => {
    // A short base64 line is no secret on its own, so the first one is kept as written; inside a
    // key block the same text is key material, and no remembered result may bypass that.
    const record = (msg: string) => JSON.stringify({ level: 'error', time: '2026-01-05T17:00:00Z', msg });
    const log = [
      record('Zm9vYg=='),
      record('-----BEGIN RSA PRIVATE KEY-----'),
      record('Zm9vYg=='),
      record('-----END RSA PRIVATE KEY-----'),
      record('Zm9vYg=='),
    ].join('\n');
    const c = digest(log);
    const plain = groups(c).find((g) => g.message === 'Zm9vYg==');
    expect(plain?.count).toBe(2);
    expect(groups(c).find((g) => g.message === '[REDACTED:private-key]')?.count).toBe(2);
  });
});
