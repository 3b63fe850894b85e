import { describe, expect, it } from 'vitest';
import { hasLongRun, looksRandom } from '../../src/redact/patterns.js';
import { createRedactor } from '../../src/redact/redact.js';
import { fakeToken, PLANTED_SECRETS } from '../helpers/secrets.js';

/** Redacts one text with a fresh redactor: the output and the counts. */
function redactOnce(text: string): { text: string; counts: Record<string, number> } {
  const redactor = createRedactor();
  return { text: redactor.redact(text), counts: redactor.counts() };
}

const ghp = `${'gh'}p_${fakeToken(100, 36)}`;

/** Lines that hold no secret: redaction leaves them exactly as they are. */
const ORDINARY = [
  // UUIDs, ISO dates, paths
  'user 6f1c0a52-8b3e-4c1d-9a7f-2e5b8c9d0f1a completed habit 42 at 2026-01-05T10:00:00.123Z',
  'GET /api/v1/habits/6f1c0a52-8b3e-4c1d-9a7f-2e5b8c9d0f1a/completions 200 12ms',
  '2026-01-05 10:00:01.123 UTC [123] ERROR:  duplicate key value violates unique constraint "habit_completions_user_id_habit_id_date_key"',
  '    at Object.<anonymous> (/home/runner/work/habits/habits/node_modules/vitest/dist/chunks/index.js:12:3)',
  'Applying migration /app/db/migrations/20240105_create_habit_completions_table.sql',
  // prose that mentions secrets
  'event=password_reset_sent user_id=42',
  'Reset password: email sent to user 42',
  'Token: expired for user 42',
  'Password: changed for user 42',
  'bearer token expired for user 42; asking for a new one',
  'Authorization: Bearer undefined',
  `password=\${DB_PASSWORD} (from the environment)`,
  'max_tokens=4096 token_type=Bearer author: alice',
  'PWD=/home/app OLDPWD=/home bypass=1',
  // code in a diff
  '+  password: string;',
  '+  if (password === undefined) throw new Error("missing password");',
  '+const token = process.env.GITHUB_TOKEN;',
  // commit hashes and digests
  'commit 3f2a9b1c4d5e6f708192a3b4c5d6e7f8091a2b3c',
  'This reverts commit 8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d.',
  'Merge: 3f2a9b1 8c7d6e5',
  'Deployed 3f2a9b1c4d5e6f708192a3b4c5d6e7f8091a2b3c to production',
  'https://github.com/org/habits/commit/3f2a9b1c4d5e6f708192a3b4c5d6e7f8091a2b3c',
  'image: ghcr.io/org/api@sha256:4680f711befac64914266484bdcab8447caef6d0387456567201ac352e13afec',
  'level=info msg="cache miss" trace_id=4bf92f3577b34da6a3ce929d0e0e4736 span_id=00f067aa0ba902b7',
  'integrity sha512-9Bq3YXc2X5dF1pk8pAtzFLzR1YdFbOyRxvVvEUgBKwqcVWyXQQHKRyxgNd8VfrDZjaGd7',
  'Run actions/checkout@b4ffde65f46336ab88eb53be808477a3936bae11',
  'git fetch --depth=1 origin +9c1d7e0b4f3a2e1d0c9b8a7f6e5d4c3b2a1f0e9d:refs/remotes/origin/main',
  'Container ID:  containerd://4f3e2d1c0b9a8f7e6d5c4b3a29180f7e6d5c4b3a29180f7e6d5c4b3a29180f7e',
  'X-Request-Id: 9b2f3c4d5e6f7a8b9c0d1e2f3a4b5c6d',
  'Sentry: event 5f2a9b1c4d5e6f708192a3b4c5d6e7f8 captured',
  'GET /static/media/logo.a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6.svg 200',
  '#14 naming to registry.fly.io/habits:deployment-01HN3Z8Q7V2K5XW4YJ9M6R1T0B done',
  // URLs without passwords, identifiers
  'Uvicorn running on http://0.0.0.0:8080 (Press CTRL+C to quit)',
  'relation "habit_completions" already exists',
  'fetch https://user@example.com/path?page=2&limit=50 -> 200',
  'pod api-server-deployment-7d9f8b6c5d-x2kqz restarted; node ip-10-0-12-34-eu-west-1-compute-internal-node-7',
  'HABIT_COMPLETIONS_UNIQUE_USER_ID_HABIT_ID_DATE_KEY AbstractAutowireCapableBeanFactory',
  'SomeVeryLongClassNameWithVersion2Handler OrderService_ProcessPayment_Handler_v2_Retry3',
  '-----BEGIN CERTIFICATE----- is not a key',
];

describe('createRedactor', () => {
  it.each(PLANTED_SECRETS.map((planted) => [planted.kind, planted]))('masks a %s and counts it', (_kind, planted) => {
    const { text, counts } = redactOnce(planted.text);
    expect(text).not.toContain(planted.secret);
    expect(text).toContain(`[REDACTED:${planted.kind}]`);
    expect(counts).toEqual({ [planted.kind]: 1 });
  });

  it('keeps what is around a secret', () => {
    const outputs = PLANTED_SECRETS.slice(0, 5).map((planted) => redactOnce(planted.text).text);
    expect(outputs).toEqual([
      'DATABASE_URL=postgresql://habits:[REDACTED:url-password]@db.internal:5432/habits?sslmode=require',
      '2026-01-05T10:00:01Z INFO connecting to redis://:[REDACTED:url-password]@cache.internal:6379/0',
      "curl -sS -H 'Authorization: Bearer [REDACTED:bearer-token]' https://api.example.com/v1/habits",
      'GET /metrics HTTP/1.1 Authorization: Basic [REDACTED:basic-auth]',
      'Set-Cookie: session=[REDACTED:jwt]; Path=/; HttpOnly; Secure',
    ]);
    expect(redactOnce('postgresql://user:p@ss:w0rd@db:5432/app and "password": "a \\"quoted\\" one", token=abc123)').text).toBe(
      'postgresql://user:[REDACTED:url-password]@db:5432/app and "password": "[REDACTED:password]", token=[REDACTED:secret])',
    );
    expect(redactOnce('DB_PASSWORD: correct horse battery staple # from 1password').text).toBe('DB_PASSWORD: [REDACTED:password] # from 1password');
    expect(redactOnce('    password: postgres').text).toBe('    password: [REDACTED:password]');
    expect(redactOnce(`SECRET_KEY_BASE=${'a1'.repeat(8)}`).text).toBe('SECRET_KEY_BASE=[REDACTED:secret]');
    expect(redactOnce('User{name=bob, password=hunter2}').text).toBe('User{name=bob, password=[REDACTED:password]}');
    expect(redactOnce('Authorization: token abc').text).toBe('Authorization: token [REDACTED:secret]');
  });

  it('adds up counts by kind across calls, and hands out a copy', () => {
    const redactor = createRedactor();
    for (const planted of PLANTED_SECRETS) redactor.redact(planted.text);
    redactor.redact(`two tokens: ${ghp} and ${ghp}`);
    const counts = redactor.counts();
    const expected: Record<string, number> = {};
    for (const { kind } of PLANTED_SECRETS) expected[kind] = (expected[kind] ?? 0) + 1;
    expected['github-token'] = (expected['github-token'] ?? 0) + 2;
    expect(counts).toEqual(expected);
    counts['jwt'] = 99;
    expect(redactor.counts()['jwt']).toBe(1);
  });

  it('is idempotent: redacted text is left as it is and counted nowhere', () => {
    for (const text of [...PLANTED_SECRETS.map((planted) => planted.text), ...ORDINARY]) {
      const once = redactOnce(text).text;
      expect(redactOnce(once)).toEqual({ text: once, counts: {} });
    }
  });

  it.each(ORDINARY.map((line) => [line]))('leaves ordinary text alone: %s', (line) => {
    expect(redactOnce(line)).toEqual({ text: line, counts: {} });
  });

  it('redacts a multi-line text as it redacts its lines one by one', () => {
    const lines = [...PLANTED_SECRETS.filter((planted) => planted.kind !== 'private-key').map((planted) => planted.text), ...ORDINARY];
    for (const order of [lines, [...lines].reverse()]) {
      const byLine = createRedactor();
      expect(createRedactor().redact(order.join('\n'))).toBe(order.map((line) => byLine.redact(line)).join('\n'));
    }
    expect(redactOnce('token_type=Bearer\n10.0.0.205 - - "POST /api/auth/login HTTP/1.1" 401').counts).toEqual({});
  });

  it('treats a long hex string as a secret unless a word before it says it is a hash', () => {
    const hash = '3f2a9b1c4d5e6f708192a3b4c5d6e7f8091a2b3c';
    expect(redactOnce(`session ${hash} resumed`).text).toBe('session [REDACTED:high-entropy] resumed');
    expect(redactOnce(`sha: ${hash}`).text).toBe(`sha: ${hash}`);
    expect(redactOnce(`session_id=${hash.slice(0, 32)}`).text).toBe('session_id=[REDACTED:high-entropy]');
    expect(redactOnce('short hash 3f2a9b1 is fine').text).toBe('short hash 3f2a9b1 is fine');
  });

  it('masks a random path segment, not the path', () => {
    const token = fakeToken(101, 43, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_');
    expect(redactOnce(`GET https://app.example.com/reset/${token}?next=/home 302`).text).toBe(
      'GET https://app.example.com/reset/[REDACTED:high-entropy]?next=/home 302',
    );
  });

  it('masks a private key logged line by line, counting it once', () => {
    const block = PLANTED_SECRETS.find((planted) => planted.kind === 'private-key')?.text ?? '';
    const redactor = createRedactor();
    const lines = [...block.split('\n'), 'server listening on :8443'].map((line) => redactor.redact(line));
    expect(lines).toEqual([
      '[REDACTED:private-key]',
      '[REDACTED:private-key]',
      '[REDACTED:private-key]',
      '[REDACTED:private-key]',
      '[REDACTED:private-key]',
      '[REDACTED:private-key]',
      'server listening on :8443',
    ]);
    expect(redactor.counts()).toEqual({ 'private-key': 1 });
  });

  it('masks a private key inside one JSON line, and an unterminated one to the end', () => {
    const body = fakeToken(102, 64, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/');
    const json = `{"type":"service_account","private_key":"-----BEGIN PRIVATE KEY-----\\n${body}\\n-----END PRIVATE KEY-----\\n","client_email":"ci@p.iam.gserviceaccount.com"}`;
    expect(redactOnce(json).text).toBe('{"type":"service_account","private_key":"[REDACTED:private-key]\\n","client_email":"ci@p.iam.gserviceaccount.com"}');
    expect(redactOnce(`key:\n-----BEGIN EC PRIVATE KEY-----\n${body}`).text).toBe('key:\n[REDACTED:private-key]');
  });
});

describe('createRedactor on hostile input', () => {
  it('stays linear: 200 KB of repeated near-matches takes well under a second each', () => {
    const size = 200_000;
    const inputs = ['password', 'api_key', 'password: "', '://a:', 'eyJ', 'Bearer ', '--token ', 'token=a&', 'a_', '/a', 'aB3+', 'password=x\n'];
    for (const unit of inputs) {
      const text = unit.repeat(Math.ceil(size / unit.length));
      const started = performance.now();
      createRedactor().redact(text);
      expect([unit, performance.now() - started < 1000]).toEqual([unit, true]);
    }
  });
});

describe('looksRandom', () => {
  it('tells generated tokens from identifiers', () => {
    expect(looksRandom(fakeToken(103, 40))).toBe(true);
    expect(looksRandom(fakeToken(104, 32, 'abcdefghijklmnopqrstuvwxyz0123456789'))).toBe(true);
    expect(looksRandom('habit_completions_user_id_created_at_idx')).toBe(false);
    expect(looksRandom('createIndexHabitCompletions20240105')).toBe(false);
    expect(looksRandom('0123456789012345678901234567890123456789')).toBe(false);
    expect(looksRandom('6f1c0a52-8b3e-4c1d-9a7f-2e5b8c9d0f1a')).toBe(false);
  });
});

describe('hasLongRun', () => {
  it('agrees with a plain regex, which it replaces for speed', () => {
    const alphabet = 'aB3+/_-=. :"\n';
    for (let seed = 1; seed <= 2000; seed++) {
      const text = fakeToken(seed, 20 + (seed % 140), seed % 2 === 0 ? alphabet : `${alphabet}xyzXYZ0123456789`);
      expect([text, hasLongRun(text)]).toEqual([text, /[A-Za-z0-9+/_-]{32}/.test(text)]);
    }
  });
});
