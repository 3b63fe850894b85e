import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';
import { demoHelpers, EXAMPLE, EXAMPLE_ID, EXAMPLE_TITLE, initWorkspace, showJson, withoutLatencies } from './helpers.js';

/**
 * Acceptance: `capture --no-input` on the bundled example's raw evidence gives
 * the demo's postmortem. The demo (scripts/demo.js) imports narrative.yaml and
 * runs four `collect` commands; capture gets the same narrative as its answers
 * file and collects the same evidence in one command. Both talk to one
 * stand-in service and read one fix repository, so the rendered Markdown must be
 * the same, byte for byte, except the measured latencies of the checks.
 */

const REPLAY = { POSTMORTEM_NOW: '2026-01-05T17:16:30Z' };
const REQUIRED = 'DATABASE_URL,SECRET_KEY,JWT_SECRET,OPENAI_API_KEY,ENVIRONMENT';
const OPTIONAL = 'FIREBASE_JSON,GOOGLE_CLIENT_ID,SMTP_*';
const DRAFT = path.join('postmortems', EXAMPLE_ID, 'postmortem.md');

async function ok(args: string[], cwd: string, env: Record<string, string> = {}): Promise<string> {
  const [code, stdout, stderr] = await runCli(args, { cwd, env });
  expect([args[0], code, stderr]).toEqual([args[0], 0, '']);
  return stdout;
}

describe('capture on the bundled example', () => {
  it('capture --no-input, from the config alone or from options, renders the demo postmortem', async () => {
    const dir = tempDir();
    const { makeFixRepo, startStandIn } = await demoHelpers();
    const repo = path.join(dir, 'repo');
    makeFixRepo(repo);
    const service = await startStandIn();
    try {
      // The demo's steps, as scripts/demo.js runs them.
      const demo = await initWorkspace(path.join(dir, 'demo'));
      await ok(['import', path.join(EXAMPLE, 'narrative.yaml')], demo);
      await ok(['collect', 'logs', EXAMPLE_ID, path.join(EXAMPLE, 'deploy.log'), '--source', 'railway'], demo);
      await ok(['collect', 'commits', EXAMPLE_ID, '--repo', repo, '--since', '2026-01-05T16:00:00Z', '--until', '2026-01-05T18:00:00Z'], demo);
      await ok(['collect', 'checks', EXAMPLE_ID, '--file', path.join(EXAMPLE, 'checks.yaml'), '--base-url', service.url], demo, REPLAY);
      await ok(['collect', 'env', EXAMPLE_ID, '--required', REQUIRED, '--optional', OPTIONAL, '--from', path.join(EXAMPLE, 'railway.env')], demo);
      await ok(['render', EXAMPLE_ID, '--out', 'demo.md'], demo);
      const expected = withoutLatencies(fs.readFileSync(path.join(demo, 'demo.md'), 'utf8'));

      // A prepared workspace: `capture "title"` alone (plus the answers no collector can know).
      const team = await initWorkspace(path.join(dir, 'team'));
      fs.appendFileSync(
        path.join(team, 'postmortem.config.yaml'),
        [
          'capture:',
          '  logs:',
          `    - file: ${path.join(EXAMPLE, 'deploy.log')}`,
          '      source: railway',
          '  repos: [../repo]',
          '  since: 2h',
          `  checks: ${path.join(EXAMPLE, 'checks.yaml')}`,
          `  base_url: ${service.url}`,
          '  env:',
          `    required: [${REQUIRED}]`,
          `    optional: [${OPTIONAL}]`,
          `    from: ${path.join(EXAMPLE, 'railway.env')}`,
          '',
        ].join('\n'),
      );
      const [code, stdout, stderr] = await runCli(['capture', EXAMPLE_TITLE, '--answers', path.join(EXAMPLE, 'narrative.yaml'), '--no-input'], {
        cwd: team,
        env: REPLAY,
      });
      expect([code, stderr]).toEqual([0, '']);
      expect(stdout).toContain(`Captured ${EXAMPLE_ID} (draft)\nDraft: ${DRAFT}\n`);
      expect(stdout).toContain('  commits repo: 2 commits, fix 8ffb275 fix(critical): Make migration 0021 idempotent to fix Railway crash');
      expect(stdout).toContain('  checks: 6 of 6 checks passed');
      expect(stdout).toMatch(/^resolved: {2}2026-01-05 17:16:30 {2}\(first passing check: GET http:\/\/127\.0\.0\.1:\d+\/\)$/m);
      expect(stdout).toContain('downtime:  16 min');
      expect(withoutLatencies(fs.readFileSync(path.join(team, DRAFT), 'utf8'))).toBe(expected);

      // The same capture from options only, in a workspace without settings.
      const bare = await initWorkspace(path.join(dir, 'bare'));
      const args = [
        'capture',
        EXAMPLE_TITLE,
        '--logs',
        `railway=${path.join(EXAMPLE, 'deploy.log')}`,
        '--repo',
        repo,
        '--since',
        '2026-01-05T16:00:00Z',
        '--until',
        '2026-01-05T18:00:00Z',
        '--checks',
        path.join(EXAMPLE, 'checks.yaml'),
        '--base-url',
        service.url,
        '--env-required',
        REQUIRED,
        '--env-optional',
        OPTIONAL,
        '--env-from',
        path.join(EXAMPLE, 'railway.env'),
        '--answers',
        path.join(EXAMPLE, 'narrative.yaml'),
        '--no-input',
        '--json',
      ];
      const [bareCode, bareOut, bareErr] = await runCli(args, { cwd: bare, env: REPLAY });
      expect([bareCode, bareErr]).toEqual([0, '']);
      const report = JSON.parse(bareOut);
      expect(report).toMatchObject({ id: EXAMPLE_ID, draft: DRAFT, warnings: [], durations: { downtime_seconds: 985 } });
      expect(report.times.started).toMatchObject({ time: '2026-01-05T17:00:04.733Z', from: 'evidence' });
      expect(withoutLatencies(fs.readFileSync(path.join(bare, DRAFT), 'utf8'))).toBe(expected);

      // The record is the narrative and the evidence; secrets were masked as the collectors do.
      const record = await showJson(team, EXAMPLE_ID);
      expect(record.status).toBe('draft');
      expect(record.evidence.redactions).toEqual((await showJson(demo, EXAMPLE_ID)).evidence.redactions);
      expect(JSON.stringify(record)).not.toContain('Tr0ub4dor-and-3-horses');
    } finally {
      await service.close();
    }
  });
});
