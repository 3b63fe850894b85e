import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir, writeTree } from '../helpers/temp.js';
import { initWorkspace } from './helpers.js';

/** A second capture with the same errors names the first, its lessons and its open action items. */

const FIRST_LOG = '2026-01-05T17:00:04Z ERROR psycopg2.errors.DuplicateTable: relation "habit_completions" already exists\n';
const SECOND_LOG = '2026-03-02T09:12:00Z ERROR psycopg2.errors.DuplicateTable: relation "budgets" already exists\n';
const ANSWERS = `lessons:
  - text: Always make migrations idempotent
actions:
  - text: Add migration testing to CI
    owner: alice
    due: 2026-02-01
`;

describe('capture: seen before', () => {
  it('lists earlier incidents with the same errors, with their lessons and open action items', async () => {
    const cwd = await initWorkspace(tempDir());
    writeTree(cwd, { 'first.log': FIRST_LOG, 'second.log': SECOND_LOG, 'answers.yaml': ANSWERS });
    const first = await runCli(
      ['capture', 'Migration 0021 crashed', '--logs', 'first.log', '--since', '2026-01-05', '--answers', 'answers.yaml', '--no-input'],
      {
        cwd,
      },
    );
    expect(first[0]).toBe(0);
    expect(first[1]).not.toContain('Seen before');
    const [code, stdout, stderr] = await runCli(['capture', 'Migration 0034 crashed', '--logs', 'second.log', '--since', '2026-03-02', '--no-input'], {
      cwd,
      env: { POSTMORTEM_NOW: '2026-03-02T10:00:00Z' },
    });
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout).toContain(
      [
        'Seen before (the same errors):',
        '  2026-01-05-migration-0021-crashed  Migration 0021 crashed  (1 shared error)',
        '    lesson: Always make migrations idempotent',
        '    still open: #1 Add migration testing to CI (alice, due 2026-02-01)',
      ].join('\n'),
    );
    const [, json] = await runCli(
      ['capture', 'Again', '--id', 'again', '--logs', path.join(cwd, 'second.log'), '--since', '2026-03-02', '--no-input', '--json'],
      {
        cwd,
      },
    );
    expect(JSON.parse(json).seen_before.map((m: { id: string }) => m.id)).toEqual(['2026-03-02-migration-0034-crashed', '2026-01-05-migration-0021-crashed']);
  });
});
