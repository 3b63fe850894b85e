import { describe, expect, it } from 'vitest';
import { fingerprintOf, hash32, normalizeMessage } from '../../../src/collect/logs/fingerprint.js';

describe('normalizeMessage', () => {
  it.each([
    ['relation "habit_completions" already exists', 'relation "users" already exists'],
    ["KeyError: 'habit_id'", "KeyError: 'user_id'"],
    ['request 8812 failed after 1840ms', 'request 9 failed after 2.5s'],
    ['user 3f2b8c1e-9a7d-4e3b-8c2f-1a6d9e0b7c35 not found', 'user 9c3e1b7a-2f4d-4a8e-b6c1-3d5e7f9a1b2c not found'],
    ['connect ECONNREFUSED 10.0.0.12:5432', 'connect ECONNREFUSED 10.0.4.21:6379'],
    ['cannot open /var/data/habits/42.db', 'cannot open /var/data/habits/7.db'],
    ['commit 4f2b8c1e9a7d failed', 'commit 9c3e1b7a2f4d failed'],
    ['pointer 0x7ffd3e82e090', 'pointer 0x1a'],
    ['H10 App crashed (GET /)', 'H10 App crashed (GET /habits/42)'],
    ['at 2026-01-05T17:00:00Z the job stopped', 'at 2026-01-06 09:30:12,004 the job stopped'],
  ])('gives %j and %j one template', (a, b) => {
    expect(normalizeMessage(a)).toBe(normalizeMessage(b));
  });

  it.each([
    ['relation "habit_completions" already exists', 'relation "<str>" already exists'],
    ['upstream slow duration=2.41s attempt=3', 'upstream slow duration=<duration> attempt=<n>'],
    ['psycopg2.errors.DuplicateTable: relation "x" already exists', 'psycopg2.errors.DuplicateTable: relation "<str>" already exists'],
    ['code=H10 on dyno web.1', 'code=H10 on dyno web.<n>'],
    ['Failed   with\tresult', 'Failed with result'],
  ])('keeps what identifies the message: %j → %j', (message, template) => {
    expect(normalizeMessage(message)).toBe(template);
  });

  it('keeps messages that differ in their words apart', () => {
    expect(normalizeMessage('relation "x" already exists')).not.toBe(normalizeMessage('relation "x" does not exist'));
  });
});

describe('fingerprintOf', () => {
  it('is the template itself when short, and a cut template with a stable hash when long', () => {
    expect(fingerprintOf('sync batch failed')).toBe('sync batch failed');
    const long = `${'word '.repeat(60)}end`;
    const print = fingerprintOf(long);
    expect(print.length).toBeLessThanOrEqual(200);
    expect(print).toMatch(/… #[0-9a-f]{8}$/);
    expect(print).toBe(fingerprintOf(long));
    expect(fingerprintOf(`${long}!`)).not.toBe(print);
    expect(hash32('habits')).toBe(hash32('habits'));
  });
});
