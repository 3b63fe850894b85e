import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';

async function incident(): Promise<string> {
  const cwd = tempDir();
  await runCli(['init'], { cwd });
  await runCli(['new', 'Crash', '--id', 'crash'], { cwd });
  return cwd;
}

const LOG = [
  '2026-01-05T17:00:01Z INFO Starting Container',
  '2026-01-05T17:00:04Z ERROR psycopg2.errors.DuplicateTable: relation "habit_completions" already exists',
  '2026-01-05T17:00:30Z ERROR psycopg2.errors.DuplicateTable: relation "users" already exists',
  '2026-01-05T17:16:18Z INFO Uvicorn running on http://0.0.0.0:8080',
].join('\n');

describe('postmortem collect (black box)', () => {
  it('reads a log from stdin, groups errors by fingerprint, and derives the start', async () => {
    const cwd = await incident();
    const [code, stdout, stderr] = await runCli(['collect', 'logs', 'crash', '-', '--source', 'api'], { cwd, stdin: LOG });
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout).toMatch(/^crash: read 4 lines from api \(/);
    const record = JSON.parse((await runCli(['show', 'crash', '--json'], { cwd }))[1]);
    const groups = record.evidence.logs.filter((e: { marker: string | null }) => !e.marker);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ level: 'error', count: 2, source: 'api', time: '2026-01-05T17:00:04Z' });
    expect(record.derived.times.started).toBe('2026-01-05T17:00:04Z');
    // Collecting the same source again replaces, never duplicates.
    await runCli(['collect', 'logs', 'crash', '-', '--source', 'api'], { cwd, stdin: LOG });
    const again = JSON.parse((await runCli(['show', 'crash', '--json'], { cwd }))[1]);
    expect(again.evidence.logs).toHaveLength(record.evidence.logs.length);
    expect(again.evidence.log_sources).toHaveLength(1);
  });

  it('a log file that does not exist: exit 4, nothing written', async () => {
    const cwd = await incident();
    const [code, stdout, stderr] = await runCli(['collect', 'logs', 'crash', 'missing.log'], { cwd });
    expect([code, stdout]).toEqual([4, '']);
    expect(stderr).toContain('missing.log');
    expect(stderr).toContain('hint:');
    const record = JSON.parse((await runCli(['show', 'crash', '--json'], { cwd }))[1]);
    expect(record.evidence.logs).toEqual([]);
    expect(record.updated_at).toBe(record.created_at);
  });

  it('an unknown incident is refused before reading anything', async () => {
    const cwd = await incident();
    fs.writeFileSync(path.join(cwd, 'app.log'), LOG);
    const [code, , stderr] = await runCli(['collect', 'logs', 'nope', 'app.log'], { cwd });
    expect(code).toBe(4);
    expect(stderr).toContain('Incident "nope" does not exist.');
  });

  it('an endpoint that never answers is a failed check and a warning; --strict exits 7 with the result saved', async () => {
    const cwd = await incident();
    const args = ['collect', 'checks', 'crash', '--url', 'http://127.0.0.1:9/health', '--timeout', '500'];
    const [code, stdout, stderr] = await runCli(args, { cwd });
    expect(code).toBe(0);
    expect(stdout).toContain('0 of 1 check passed');
    expect(stderr).toMatch(/^warning: /m);
    const [strictCode, , strictErr] = await runCli([...args, '--strict'], { cwd });
    expect(strictCode).toBe(7);
    expect(strictErr).toContain('The evidence was saved');
    const record = JSON.parse((await runCli(['show', 'crash', '--json'], { cwd }))[1]);
    expect(record.evidence.checks).toHaveLength(1);
    expect(record.evidence.checks[0]).toMatchObject({ passed: false, url: 'http://127.0.0.1:9/health' });
    expect(record.evidence.checks[0].error).toBeTruthy();
  });

  it('collect commits needs a window, and a folder that is not a repository is a clear error', async () => {
    const cwd = await incident();
    expect((await runCli(['collect', 'commits', 'crash'], { cwd }))[0]).toBe(2);
    const [code, , stderr] = await runCli(['collect', 'commits', 'crash', '--since', '2026-01-05', '--repo', '.'], { cwd });
    expect(code).toBe(3);
    expect(stderr).toMatch(/not a git repository/i);
  });

  it('collect env records shapes, never values', async () => {
    const cwd = await incident();
    fs.writeFileSync(path.join(cwd, '.env'), 'SECRET_KEY=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\n');
    const [code, , stderr] = await runCli(['collect', 'env', 'crash', '--required', 'SECRET_KEY,JWT_SECRET', '--from', '.env'], { cwd });
    expect(code).toBe(0);
    expect(stderr).toContain('warning: required variable JWT_SECRET is not set');
    const [, json] = await runCli(['show', 'crash', '--json'], { cwd });
    expect(json).not.toContain('9f86d081884c7d659a2f');
    expect(JSON.parse(json).evidence.env).toEqual([
      { name: 'SECRET_KEY', required: true, set: true, shape: '64-char hex', note: null },
      { name: 'JWT_SECRET', required: true, set: false, shape: null, note: null },
    ]);
  });
});
