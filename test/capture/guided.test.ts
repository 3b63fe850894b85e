import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, runCli } from '../helpers/cli.js';
import { tempDir, writeTree } from '../helpers/temp.js';
import { initWorkspace, showJson } from './helpers.js';

/**
 * Guided mode: after the draft, capture asks what no collector can know. The
 * answers are fed on its input, line by line (an empty line skips a question
 * or ends a list), and must land in the record and the draft.
 */

const LOG = '2026-01-05T17:00:04Z ERROR psycopg2.errors.DuplicateTable: relation "habit_completions" already exists\n';
const ID = '2026-01-05-migration-crashed-production';
const ANSWERS = [
  'Migration 0021 crashed the API on startup.',
  '', // impact: skipped
  'Migration 0021 was not idempotent',
  'The table already existed in production',
  '', // end of factors
  'Make migrations idempotent',
  '', // end of lessons
  'Run migrations against a copy of production in CI',
  'alice',
  'next friday', // not a date: asked again
  '2026-02-01',
  'Alert on crash loops',
  '', // no owner
  '', // no due date
  '', // end of prevention items
].join('\n');

async function workspaceWithLog(): Promise<string> {
  const cwd = await initWorkspace(tempDir());
  writeTree(cwd, { 'deploy.log': LOG });
  return cwd;
}

const CAPTURE = ['capture', 'Migration crashed production', '--logs', 'deploy.log', '--since', '2026-01-05 16:00'];

describe('capture guided mode', () => {
  it('asks on its input, shows what was collected, and saves every answer in the record', async () => {
    const cwd = await workspaceWithLog();
    const [code, stdout, stderr] = await runCli([...CAPTURE, '--guided'], { cwd, stdin: `${ANSWERS}\n` });
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout).toContain('What no collector can know. Press Enter to skip any question.\nCollected:\n  started 2026-01-05T17:00:04Z');
    expect(stdout).toContain('  error: psycopg2.errors.DuplicateTable: relation "habit_completions" already exists');
    expect(stdout).toContain('Summary: what happened, in a sentence or two: ');
    expect(stdout).toContain('"next friday" is not a date like 2026-01-31; try again, or press Enter to skip.');
    expect(stdout).toContain(`Saved your answers to ${ID}; the draft is updated.`);

    const record = await showJson(cwd, ID);
    expect(record.summary).toBe('Migration 0021 crashed the API on startup.');
    expect(record.impact).toBeNull();
    expect(record.factors).toEqual([
      { text: 'Migration 0021 was not idempotent', tags: [] },
      { text: 'The table already existed in production', tags: [] },
    ]);
    expect(record.lessons).toEqual([{ text: 'Make migrations idempotent', category: null, tags: [] }]);
    expect(record.actions).toMatchObject([
      { id: 1, text: 'Run migrations against a copy of production in CI', kind: 'prevent', owner: 'alice', due: '2026-02-01', status: 'open' },
      { id: 2, text: 'Alert on crash loops', owner: null, due: null },
    ]);
    const draft = fs.readFileSync(path.join(cwd, 'postmortems', ID, 'postmortem.md'), 'utf8');
    expect(draft).toContain('Migration 0021 crashed the API on startup.');
    expect(draft).toContain('Run migrations against a copy of production in CI');
  });

  it('POSTMORTEM_INTERACTIVE=1 asks too; input that ends early skips the rest', async () => {
    const cwd = await workspaceWithLog();
    const [code, stdout] = await runCli(CAPTURE, { cwd, stdin: 'Only a summary', env: { POSTMORTEM_INTERACTIVE: '1' } });
    expect(code).toBe(0);
    expect(stdout).toContain(`Saved your answers to ${ID}`);
    const record = await showJson(cwd, ID);
    expect([record.summary, record.factors, record.actions]).toEqual(['Only a summary', [], []]);
  });

  it('never asks when stdin is not a terminal, nor with --no-input', async () => {
    const cwd = await workspaceWithLog();
    const [code, stdout] = await runCli(CAPTURE, { cwd, stdin: ANSWERS });
    expect(code).toBe(0);
    expect(stdout).not.toContain('Summary:');
    const [forcedOff, quiet] = await runCli([...CAPTURE, '--guided', '--no-input'], { cwd, stdin: ANSWERS });
    expect(forcedOff).toBe(0);
    expect(quiet).not.toContain('Summary:');
    expect((await showJson(cwd, ID)).summary).toBeNull();
  });

  const hasScript = spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;
  it.skipIf(!hasScript)('asks on a real terminal (a pty made by script)', async () => {
    const cwd = await workspaceWithLog();
    const command = [process.execPath, BIN, ...CAPTURE].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
    const child = spawn('script', ['-q', '-e', '-c', command, '/dev/null'], {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: cwd, POSTMORTEM_NOW: '2026-01-06T09:00:00Z', TERM: 'dumb' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      // Answer each question as it appears: a summary, then Enter for everything else.
      if (output.endsWith('in a sentence or two: ')) child.stdin.write('Typed on a terminal\r');
      else if (/: $/.test(output)) child.stdin.write('\r');
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(output).toContain('Summary: what happened, in a sentence or two: ');
    expect(code).toBe(0);
    expect((await showJson(cwd, ID)).summary).toBe('Typed on a terminal');
  });
});
