import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { repoWithOneCommit } from '../helpers/git.js';
import { tempDir, writeTree } from '../helpers/temp.js';
import { initWorkspace, showJson, silentServer } from './helpers.js';

/**
 * Every way evidence can fail to be collected is a warning: the incident and
 * its draft are still written, each warning says what and why (stderr and the
 * record), and the exit code is 7, "warnings" (0 with --no-strict).
 */

const WINDOW = ['--since', '2026-01-05T16:00:00Z', '--until', '2026-01-05T18:00:00Z'];
const ID = '2026-01-06-checkout-api-returned-502s';
const DRAFT = path.join('postmortems', ID, 'postmortem.md');

/** A repository whose only commit is days before the window. */
function oldRepo(dir: string): string {
  return repoWithOneCommit(dir, { 'README.md': 'api\n' }, 'Initial commit', '2026-01-01T10:00:00Z');
}

describe('capture warnings', () => {
  it('a missing log file, a repository with no commits in the window, an endpoint that never answers: draft written, exit 7', async () => {
    const cwd = await initWorkspace(tempDir());
    const repo = oldRepo(path.join(cwd, 'api'));
    const server = await silentServer();
    try {
      const args = [
        'capture',
        'Checkout API returned 502s',
        '--logs',
        'missing.log',
        '--repo',
        repo,
        ...WINDOW,
        '--url',
        `${server.url}/health`,
        '--timeout',
        '300',
      ];
      const [code, stdout, stderr] = await runCli([...args, '--no-input'], { cwd });
      expect(code).toBe(7);
      expect(stdout).toContain(`Draft: ${DRAFT}\n`);
      expect(fs.existsSync(path.join(cwd, DRAFT))).toBe(true);
      const warnings = stderr.split('\n').filter((line) => line.startsWith('warning: '));
      expect(warnings).toHaveLength(3);
      expect(warnings[0]).toMatch(/^warning: logs:missing\.log: could not read the log missing\.log: .*missing\.log/);
      expect(warnings[1]).toMatch(/^warning: commits:api: .*no commits/i);
      expect(warnings[2]).toMatch(/^warning: checks:after: .*\/health.*(time|answer)/i);
      expect(stderr).toContain('error: 3 warnings: some evidence could not be collected.');
      expect(stderr).toContain('hint: The incident and its draft were saved all the same');

      // The warnings are in the record, and in the draft.
      const record = await showJson(cwd, ID);
      const recorded = record.evidence.warnings as { source: string; text: string }[];
      expect(recorded.map((w) => w.source)).toEqual(['logs:missing.log', 'commits:api', 'checks:after']);
      expect(record.evidence.checks).toHaveLength(1);
      expect(record.evidence.checks?.[0]).toMatchObject({ passed: false, url: `${server.url}/health` });
      const draft = fs.readFileSync(path.join(cwd, DRAFT), 'utf8');
      expect(draft).toContain('could not read the log missing.log');

      // --no-strict: the same, exit 0; the id is taken, so the next is numbered.
      const [lenient, lenientOut, lenientErr] = await runCli([...args, '--no-input', '--no-strict'], { cwd });
      expect(lenient).toBe(0);
      expect(lenientOut).toContain(`Captured ${ID}-2 (draft)`);
      expect(lenientErr.split('\n').filter((line) => line.startsWith('warning: '))).toHaveLength(3);
      expect(lenientErr).not.toContain('error:');
    } finally {
      await server.close();
    }
  });

  it('a log command that fails is a warning; what it printed is still read', async () => {
    const cwd = await initWorkspace(tempDir());
    writeTree(cwd, { 'app.log': '2026-01-05T17:00:04Z ERROR boom\n' });
    fs.appendFileSync(
      path.join(cwd, 'postmortem.config.yaml'),
      "capture:\n  logs:\n    - command: 'cat app.log; echo \"kubectl: forbidden\" >&2; exit 3'\n      source: api\n  since: '2026-01-05 16:00'\n",
    );
    const [code, stdout, stderr] = await runCli(['capture', 'Crash', '--no-input'], { cwd });
    expect(code).toBe(7);
    expect(stdout).toContain('  logs api: 1 line from `cat app.log;');
    expect(stderr).toContain('warning: logs:api: the command `cat app.log; echo "kubectl: forbidden" >&2; exit 3` exited with 3: kubectl: forbidden');
    const record = await showJson(cwd, '2026-01-05-crash');
    expect((record.evidence.logs as { message: string }[]).map((e) => e.message)).toContain('boom');
  });

  it('bad input stops before anything is collected or written', async () => {
    const cwd = await initWorkspace(tempDir());
    writeTree(cwd, { 'answers.yaml': 'summary: ok\nactions:\n  - text: Add a check\n    due: next week\n', 'checks.yaml': 'checks:\n  - url: /x\n' });
    const cases: [string[], number, string][] = [
      [['--answers', 'answers.yaml'], 3, 'actions[0].due: "next week" is not a date like 2026-01-31'],
      [['--answers', 'nope.yaml'], 4, 'Cannot read the answers file nope.yaml'],
      [['--checks', 'checks.yaml'], 3, 'checks[0].url: "/x" is a path'],
      [['--since', 'yesterday-ish'], 3, '--since:'],
      [['--logs', 'a=x.log', '--logs', 'a=y.log'], 2, 'Two log sources are both named a'],
      [['--template', 'nope'], 4, 'nope'],
      [['--env-required', 'TOKEN=abc'], 3, 'TOKEN=… is not a variable name'],
    ];
    for (const [options, exitCode, message] of cases) {
      const [code, stdout, stderr] = await runCli(['capture', 'Crash', '--no-input', ...options], { cwd });
      expect([options.join(' '), code, stdout]).toEqual([options.join(' '), exitCode, '']);
      expect(stderr).toContain(message);
      expect(stderr).not.toContain('abc');
    }
    const [, list] = await runCli(['list', '--json'], { cwd });
    expect(JSON.parse(list)).toEqual([]);
    expect(fs.existsSync(path.join(cwd, 'postmortems'))).toBe(false);
  });
});
