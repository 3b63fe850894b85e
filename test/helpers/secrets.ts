/**
 * Fake secrets planted in realistic log and config lines, one or more per kind the redactor
 * knows. End-to-end tests feed `text` through a collector and assert that `secret` appears
 * nowhere in what was stored.
 *
 * The fakes have the real formats but are generated from a fixed seed, and provider prefixes are
 * assembled from parts, so that secret scanners (GitHub push protection) do not flag this file.
 */

export interface PlantedSecret {
  /** The redaction kind expected: the `<kind>` in `[REDACTED:<kind>]`. */
  kind: string;
  /** A realistic log or config line (or block) embedding `secret`. */
  text: string;
  /** The secret itself: must appear nowhere after redaction. */
  secret: string;
}

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
const ALNUM = UPPER + LOWER + DIGITS;
const BASE64 = `${ALNUM}+/`;
const BASE64URL = `${ALNUM}-_`;
const HEX = '0123456789abcdef';

/** `length` pseudo-random characters of `alphabet`, the same for the same seed. */
export function fakeToken(seed: number, length: number, alphabet: string = ALNUM): string {
  let state = seed * 2654435761 + 1;
  let text = '';
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    text += alphabet.charAt(Math.floor((state / 2147483648) * alphabet.length));
  }
  return text;
}

const b64url = (value: string): string => Buffer.from(value).toString('base64url');
const p = (...parts: string[]): string => parts.join('');

const jwt = `${b64url('{"alg":"HS256","typ":"JWT"}')}.${b64url('{"sub":"user-8812","role":"admin","iat":1767607200}')}.${fakeToken(7, 43, BASE64URL)}`;
const pemBody = [fakeToken(20, 64, BASE64), fakeToken(21, 64, BASE64), fakeToken(22, 64, BASE64), `${fakeToken(23, 26, BASE64)}==`];
const pemFirstLine = `MIIEow${(pemBody[0] ?? '').slice(6)}`;

const secrets: Array<[kind: string, secret: string, line: (secret: string) => string]> = [
  ['url-password', p('Hq7', fakeToken(1, 17)), (s) => `DATABASE_URL=postgresql://habits:${s}@db.internal:5432/habits?sslmode=require`],
  ['url-password', p('rd', fakeToken(2, 22)), (s) => `2026-01-05T10:00:01Z INFO connecting to redis://:${s}@cache.internal:6379/0`],
  ['bearer-token', fakeToken(3, 28, BASE64URL), (s) => `curl -sS -H 'Authorization: Bearer ${s}' https://api.example.com/v1/habits`],
  ['basic-auth', Buffer.from(`deploy:${fakeToken(4, 14)}`).toString('base64'), (s) => `GET /metrics HTTP/1.1 Authorization: Basic ${s}`],
  ['jwt', jwt, (s) => `Set-Cookie: session=${s}; Path=/; HttpOnly; Secure`],
  ['aws-access-key-id', p('AK', 'IA', fakeToken(5, 16, UPPER + DIGITS)), (s) => `AWS_ACCESS_KEY_ID=${s}`],
  [
    'aws-access-key-id',
    p('AS', 'IA', fakeToken(6, 16, UPPER + DIGITS)),
    (s) => `{"Credentials": {"AccessKeyId": "${s}", "Expiration": "2026-01-05T11:00:00Z"}}`,
  ],
  ['aws-secret-access-key', fakeToken(8, 40, BASE64), (s) => `aws_secret_access_key = ${s}`],
  ['github-token', p('gh', 'p_', fakeToken(9, 36)), (s) => `remote: https://github.com/org/habits.git using GITHUB_TOKEN ${s}`],
  ['github-token', p('gh', 'o_', fakeToken(10, 36)), (s) => `oauth exchange ok: ${s}`],
  ['github-token', p('gh', 'u_', fakeToken(11, 36)), (s) => `user-to-server token ${s} refreshed`],
  ['github-token', p('gh', 's_', fakeToken(12, 36)), (s) => `actions runner: token=${s}`],
  ['github-token', p('gh', 'r_', fakeToken(13, 36)), (s) => `refresh_token: ${s}`],
  [
    'github-token',
    p('github', '_pat_', '11A', fakeToken(14, 19), '_', fakeToken(15, 59)),
    (s) => `git clone https://x-access-token@github.com/org/repo (token ${s})`,
  ],
  ['openai-key', p('sk', '-', fakeToken(16, 20), 'T3Blbk', 'FJ', fakeToken(44, 20)), (s) => `openai.AuthenticationError: Incorrect API key provided: ${s}`],
  ['openai-key', p('sk', '-proj-', fakeToken(17, 74, BASE64URL), 'T3Blbk', 'FJ', fakeToken(45, 74, BASE64URL)), (s) => `OPENAI_API_KEY="${s}"`],
  ['anthropic-key', p('sk', '-ant-api03-', fakeToken(18, 93, BASE64URL), 'AA'), (s) => `anthropic client init key=${s}`],
  ['stripe-key', p('sk', '_live_', fakeToken(19, 24)), (s) => `stripe.api_key = '${s}'`],
  ['stripe-key', p('rk', '_live_', fakeToken(24, 24)), (s) => `Using restricted key ${s} for payouts`],
  ['stripe-key', p('sk', '_test_', fakeToken(25, 24)), (s) => `StripeError: Invalid API Key provided: ${s}`],
  ['slack-token', p('xo', 'xb-', '2401881234', '-', '6190031234567', '-', fakeToken(26, 24)), (s) => `slack: posting to #incidents with ${s}`],
  ['slack-webhook', p(fakeToken(27, 24)), (s) => `notify: POST https://hooks.slack.com/services/T01ABCD2EFG/B04HIJK5LMN/${s} -> 200`],
  ['google-api-key', p('AI', 'za', fakeToken(28, 35, BASE64URL)), (s) => `maps: request https://maps.googleapis.com/maps/api/geocode/json?key=${s} failed`],
  ['sendgrid-key', p('S', 'G.', fakeToken(29, 22, BASE64URL), '.', fakeToken(30, 43, BASE64URL)), (s) => `mailer configured with ${s}`],
  ['npm-token', p('np', 'm_', fakeToken(31, 36)), (s) => `//registry.npmjs.org/:_authToken=${s}`],
  ['gitlab-token', p('gl', 'pat-', fakeToken(32, 20, BASE64URL)), (s) => `gitlab ci: using ${s}`],
  ['private-key', pemFirstLine, (s) => ['-----BEGIN RSA PRIVATE KEY-----', s, pemBody[1], pemBody[2], pemBody[3], '-----END RSA PRIVATE KEY-----'].join('\n')],
  ['password', p('Tr0ub4dor&', fakeToken(33, 8)), (s) => `DB_PASSWORD=${s}`],
  ['password', p('pw-', fakeToken(34, 12)), (s) => `  password: "${s}"`],
  ['password', p('Zq', fakeToken(35, 14)), (s) => `{"username":"admin","password":"${s}","remember":true}`],
  ['password', p('mysql', fakeToken(36, 10)), (s) => `$ mysqldump --user=root --password=${s} habits > dump.sql`],
  ['password', p('S3cret!', fakeToken(37, 6)), (s) => `psql --host db --password ${s}`],
  ['secret', fakeToken(38, 24), (s) => `API_KEY=${s}`],
  ['secret', fakeToken(39, 20), (s) => `X-Api-Key: ${s}`],
  ['secret', fakeToken(40, 30, BASE64URL), (s) => `{"client_id":"habits-web","client_secret":"${s}"}`],
  ['secret', fakeToken(41, 32, HEX), (s) => `SENTRY_DSN=https://${s}@o450123.ingest.sentry.io/5501234`],
  ['high-entropy', fakeToken(42, 44, BASE64), (s) => `2026-01-05T10:00:03Z DEBUG session cache warmed with ${s}`],
  ['high-entropy', fakeToken(43, 64, HEX), (s) => `loaded signing salt ${s} from vault`],
];

export const PLANTED_SECRETS: { kind: string; text: string; secret: string }[] = secrets.map(([kind, secret, line]) => ({ kind, secret, text: line(secret) }));
