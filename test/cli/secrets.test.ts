import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { repoWithOneCommit } from '../helpers/git.js';
import { PLANTED_SECRETS } from '../helpers/secrets.js';
import { tempDir } from '../helpers/temp.js';

/**
 * Secrets of every kind the redactor knows are planted in every kind of
 * evidence (logs, commits, endpoint responses, environment), and then looked
 * for everywhere the product writes: the database file and its WAL, `show
 * --json`, the rendered postmortem and the exported record.
 */

let server: http.Server;
let base = '';
const allSecretsText = PLANTED_SECRETS.map((s) => s.text).join('\n');

beforeAll(async () => {
  server = http.createServer((request, response) => {
    response.writeHead(request.url === '/health' ? 200 : 500, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ status: 'ok', debug: PLANTED_SECRETS.slice(0, 12).map((s) => s.text) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function makeRepo(dir: string): void {
  const message = `fix: rotate credentials\n\n${PLANTED_SECRETS.slice(0, 10)
    .map((s) => s.text)
    .join('\n')}`;
  repoWithOneCommit(dir, { 'config.env': `${allSecretsText}\n` }, message, '2026-01-05T10:05:00Z');
}

describe('planted secrets', () => {
  it('appear nowhere afterwards: not in the database or its WAL, show --json, the postmortem or the record file', async () => {
    const cwd = tempDir();
    await runCli(['init'], { cwd });
    const id = 'leaky';
    expect((await runCli(['new', 'Leaky deploy', '--id', id], { cwd }))[0]).toBe(0);

    const log = PLANTED_SECRETS.map((s, i) => `2026-01-05T10:00:${String(i % 60).padStart(2, '0')}Z ERROR ${s.text}`).join('\n');
    fs.writeFileSync(path.join(cwd, 'app.log'), `${log}\n`);
    makeRepo(path.join(cwd, 'repo'));
    fs.writeFileSync(path.join(cwd, '.env'), PLANTED_SECRETS.map((s, i) => `SECRET_${i}=${s.secret.split('\n')[0]}`).join('\n'));

    const commands = [
      ['collect', 'logs', id, 'app.log'],
      ['collect', 'commits', id, '--repo', 'repo', '--since', '2026-01-05T00:00:00Z', '--until', '2026-01-06T00:00:00Z'],
      ['collect', 'checks', id, '--url', `${base}/health`, '--url', `${base}/broken`, '--expect-status', '200'],
      ['collect', 'env', id, '--required', 'SECRET_*', '--from', '.env'],
    ];
    for (const args of commands) {
      const [code, , stderr] = await runCli(args, { cwd });
      expect([args.slice(0, 2).join(' '), code]).toEqual([args.slice(0, 2).join(' '), 0]);
      for (const planted of PLANTED_SECRETS) expect(stderr).not.toContain(planted.secret);
    }
    // The WAL as it stands after the writes, before anything else opens the database.
    const dbDir = path.join(cwd, '.postmortem');
    const stored = fs
      .readdirSync(dbDir)
      .filter((name) => name.startsWith('postmortem.db'))
      .map((name) => fs.readFileSync(path.join(dbDir, name)).toString('latin1'));

    const [, json] = await runCli(['show', id, '--json'], { cwd });
    const [, markdown] = await runCli(['render', id], { cwd });
    const [, record] = await runCli(['export', id, '--out', '-'], { cwd });
    const outputs = { json, markdown, record, database: stored.join('\n') };

    // The evidence really was collected, and the masking was counted.
    const parsed = JSON.parse(json);
    expect(parsed.evidence.logs.length).toBeGreaterThan(0);
    expect(parsed.evidence.commits).toHaveLength(1);
    expect(parsed.evidence.checks).toHaveLength(2);
    expect(parsed.evidence.redactions.reduce((n: number, r: { count: number }) => n + r.count, 0)).toBeGreaterThan(PLANTED_SECRETS.length);
    expect(markdown).toContain('[REDACTED:');

    for (const planted of PLANTED_SECRETS) {
      for (const [where, text] of Object.entries(outputs)) {
        expect(text.includes(planted.secret) ? `${planted.kind} found in ${where}` : 'absent').toBe('absent');
      }
    }
  });
});
