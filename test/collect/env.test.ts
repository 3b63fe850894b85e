import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectEnv } from '../../src/collect/env/collectEnv.js';
import { describeEnv } from '../../src/collect/env/describeEnv.js';
import { parseDotenv } from '../../src/collect/env/parseDotenv.js';
import { thrown } from '../helpers/errors.js';
import { fakeToken, PLANTED_SECRETS } from '../helpers/secrets.js';
import { tempDir, writeTree } from '../helpers/temp.js';

const HEX64 = fakeToken(200, 64, '0123456789abcdef');
const BASE64_44 = `${fakeToken(201, 43, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/')}=`;
const JWT = `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.${fakeToken(202, 43, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_')}`;
const PASSWORD = `pw-${fakeToken(203, 16)}`;

/** One variable of every shape, and what `describeEnv` says about it. */
const SHAPES: Array<[name: string, value: string, shape: string]> = [
  ['EMPTY', '', 'empty'],
  ['BLANK', '   ', 'whitespace only, 3 chars'],
  ['JWT_SECRET', HEX64, '64-char hex'],
  ['TENANT_ID', '6f1c0a52-8b3e-4c1d-9a7f-2e5b8c9d0f1a', 'UUID'],
  ['PORT', '8080', 'integer'],
  ['RATE', '0.25', 'number'],
  ['DEBUG', 'false', 'boolean'],
  ['FEATURES', '{"a":1,"b":2,"c":3,"d":4,"e":5}', 'JSON object (5 keys)'],
  ['ORIGINS', '["https://a.example","https://b.example"]', 'JSON array (2 items)'],
  ['DATABASE_URL', `postgresql://habits:${PASSWORD}@db.internal:5432/habits`, 'URL (postgresql, with password)'],
  ['API_URL', 'https://api.internal.example.com/v1', 'URL (https, no password)'],
  ['SESSION_TOKEN', JWT, 'JWT'],
  ['ENCRYPTION_KEY', BASE64_44, 'base64, 44 chars'],
  ['SIGNING_KEY', '-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBg\\n-----END PRIVATE KEY-----\\n', 'PEM private key'],
  ['CA_CERT', '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----', 'PEM certificate'],
  ['STRIPE_KEY', `sk_live_${fakeToken(204, 24)}`, 'random token, 32 chars'],
  ['ALLOWED_HOSTS', 'a.example.com,b.example.com,localhost', 'list of 3 items'],
  ['APP_NAME', 'habit-tracker', 'text, 13 chars'],
  ['MOTD', 'Welcome!\nHave a nice day', 'text, 2 lines, 24 chars'],
  ['PADDED_SECRET', `${HEX64}\n`, '64-char hex (padded with whitespace)'],
];

describe('describeEnv', () => {
  it('says whether each variable is set and what its value looks like', () => {
    const vars = Object.fromEntries(SHAPES.map(([name, value]) => [name, value]));
    const checks = describeEnv(vars, { required: SHAPES.map(([name]) => name), optional: ['MISSING'] });
    expect(checks).toEqual([
      ...SHAPES.map(([name, , shape]) => ({ name, required: true, set: true, shape, note: null })),
      { name: 'MISSING', required: false, set: false, shape: null, note: null },
    ]);
  });

  it('never shows a value, not even the host of a URL', () => {
    const vars = Object.fromEntries([
      ...SHAPES.map(([name, value]) => [name, value]),
      ...PLANTED_SECRETS.map((planted, i) => [`PLANTED_${i}`, planted.secret]),
    ]);
    const json = JSON.stringify(describeEnv(vars, { required: Object.keys(vars), optional: [] }));
    for (const planted of PLANTED_SECRETS) expect(json).not.toContain(planted.secret);
    for (const secret of [HEX64, BASE64_44, JWT, PASSWORD, 'db.internal', 'api.internal', 'habit-tracker', 'MIIEvQIBADANBg', 'Welcome'])
      expect(json).not.toContain(secret);
  });

  it('matches patterns, lists what matched, and lists each name once', () => {
    const vars = { SMTP_HOST: 'smtp.example.com', SMTP_USER: '', SMTP_PORT: '587', SMTPD: 'x', OTHER: undefined };
    expect(describeEnv(vars, { required: ['SMTP_*', 'SENTRY_*'], optional: ['SMTP_*', '*_PORT'] })).toEqual([
      { name: 'SMTP_*', required: true, set: true, shape: '3 variables: SMTP_HOST, SMTP_PORT, SMTP_USER; empty: SMTP_USER', note: null },
      { name: 'SENTRY_*', required: true, set: false, shape: null, note: null },
      { name: '*_PORT', required: false, set: true, shape: '1 variable: SMTP_PORT', note: null },
    ]);
  });
});

describe('parseDotenv', () => {
  it('reads keys, exports, quotes, escapes, comments and multi-line values', () => {
    const text = [
      '# database',
      'DATABASE_URL=postgresql://u:p@db:5432/app',
      'export NODE_ENV=production',
      '  SPACED = value with spaces   # a comment',
      'HASHED=abc#def',
      'EMPTY=',
      'COMMENT_ONLY= # nothing',
      'DOUBLE="line1\\nline2 \\"quoted\\" \\\\ \\$HOME \\q"',
      "SINGLE='raw \\n $HOME'",
      'BACKTICK=`tick`',
      'PRIVATE_KEY="-----BEGIN PRIVATE KEY-----',
      'MIIEvQIBADANBg',
      '-----END PRIVATE KEY-----"',
      'AFTER=1',
      'AFTER=2',
    ].join('\r\n');
    expect(parseDotenv(text)).toEqual({
      DATABASE_URL: 'postgresql://u:p@db:5432/app',
      NODE_ENV: 'production',
      SPACED: 'value with spaces',
      HASHED: 'abc#def',
      EMPTY: '',
      COMMENT_ONLY: '',
      DOUBLE: 'line1\nline2 "quoted" \\ $HOME \\q',
      SINGLE: 'raw \\n $HOME',
      BACKTICK: 'tick',
      PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg\n-----END PRIVATE KEY-----',
      AFTER: '2',
    });
  });

  it('reads CR line ends and a byte order mark', () => {
    expect(parseDotenv('\uFEFFA=1\rB="x\ry"\rC=3')).toEqual({ A: '1', B: 'x\ny', C: '3' });
  });

  it('skips lines that are not KEY=value and quotes never closed, reporting line numbers only', () => {
    const invalid: number[] = [];
    const vars = parseDotenv('A=1\nJWT_SECRET abc\n=x\n1BAD=2\nOPEN="never closed\nB=2\n', { onInvalidLine: (line) => invalid.push(line) });
    expect([vars, invalid]).toEqual([{ A: '1', B: '2' }, [2, 3, 4, 5]]);
  });
});

describe('collectEnv', () => {
  it('checks this environment and warns about required variables not set or empty', () => {
    const env = { DATABASE_URL: `postgresql://habits:${PASSWORD}@db:5432/habits`, JWT_SECRET: '', PORT: '8080' };
    const result = collectEnv({ required: ['DATABASE_URL', 'JWT_SECRET', 'SECRET_KEY'], optional: ['PORT'], from: 'process' }, { env, cwd: '/' });
    expect(result).toEqual({
      checks: [
        { name: 'DATABASE_URL', required: true, set: true, shape: 'URL (postgresql, with password)', note: null },
        { name: 'JWT_SECRET', required: true, set: true, shape: 'empty', note: null },
        { name: 'SECRET_KEY', required: true, set: false, shape: null, note: null },
        { name: 'PORT', required: false, set: true, shape: 'integer', note: null },
      ],
      warnings: ['required variable JWT_SECRET is set but empty', 'required variable SECRET_KEY is not set'],
    });
    expect(JSON.stringify(result)).not.toContain(PASSWORD);
  });

  it('reads a .env file relative to the working folder, never the process environment', () => {
    const cwd = tempDir('pm-env-');
    const planted = PLANTED_SECRETS.map((p, i) => `SECRET_${i}="${p.secret.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`);
    writeTree(cwd, { 'deploy/.env.production': ['# production', `JWT_SECRET=${HEX64}`, 'SMTP_HOST=smtp.example.com', 'not a line', ...planted].join('\n') });
    const result = collectEnv(
      { required: ['JWT_SECRET', 'DATABASE_URL', 'SECRET_*'], optional: ['SMTP_*'], from: 'deploy/.env.production' },
      { env: { DATABASE_URL: 'postgresql://u:p@h/db' }, cwd },
    );
    expect(result.checks.map((c) => [c.name, c.set, c.shape])).toEqual([
      ['JWT_SECRET', true, '64-char hex'],
      ['DATABASE_URL', false, null],
      [
        'SECRET_*',
        true,
        `${PLANTED_SECRETS.length} variables: SECRET_0, SECRET_1, SECRET_10, SECRET_11, SECRET_12, SECRET_13, SECRET_14, SECRET_15, SECRET_16, SECRET_17 and ${PLANTED_SECRETS.length - 10} more`,
      ],
      ['SMTP_*', true, '1 variable: SMTP_HOST'],
    ]);
    expect(result.warnings).toEqual([
      `line 4 of ${path.join('deploy', '.env.production')} is not KEY=value; skipped`,
      'required variable DATABASE_URL is not set',
    ]);
    const json = JSON.stringify(result);
    for (const p of PLANTED_SECRETS) expect(json).not.toContain(p.secret);
    expect(json).not.toContain(HEX64);
  });

  it('refuses a file it cannot read: exit code 4, nothing written', () => {
    const cwd = tempDir('pm-env-');
    const missing = thrown(() => collectEnv({ required: ['A'], optional: [], from: '.env.missing' }, { env: {}, cwd }));
    expect([missing.code, missing.exitCode, missing.message, missing.hint]).toEqual([
      'env-file-unreadable',
      4,
      '.env.missing does not exist.',
      'Check the path given to --from, or use --from process to check this environment. Nothing was written.',
    ]);
    writeTree(cwd, { 'config/.keep': '' });
    const folder = thrown(() => collectEnv({ required: ['A'], optional: [], from: 'config' }, { env: {}, cwd }));
    expect([folder.exitCode, folder.message]).toEqual([4, 'config is a folder, not a .env file.']);
    const outside = thrown(() => collectEnv({ required: ['A'], optional: [], from: '../elsewhere/.env' }, { env: {}, cwd }));
    expect(outside.message).toBe(`${path.resolve(cwd, '../elsewhere/.env')} does not exist.`);
  });

  it('refuses a value given as a name, without repeating the value', () => {
    const error = thrown(() =>
      collectEnv({ required: [`DATABASE_URL=postgresql://u:${PASSWORD}@db/app`], optional: [], from: 'process' }, { env: {}, cwd: '/' }),
    );
    expect([error.code, error.exitCode, error.message]).toEqual(['invalid-name', 3, 'DATABASE_URL=… is not a variable name.']);
    expect(`${error.message} ${error.hint}`).not.toContain(PASSWORD);
    expect(thrown(() => collectEnv({ required: [], optional: ['has space'], from: 'process' }, { env: {}, cwd: '/' })).message).toBe(
      '"has space" is not a variable name.',
    );
  });

  it('warns when a file sets nothing', () => {
    const cwd = tempDir('pm-env-');
    writeTree(cwd, { '.env': '# nothing here\n' });
    expect(collectEnv({ required: [], optional: ['A'], from: '.env' }, { env: { A: '1' }, cwd })).toEqual({
      checks: [{ name: 'A', required: false, set: false, shape: null, note: null }],
      warnings: ['.env sets no variables'],
    });
  });
});
