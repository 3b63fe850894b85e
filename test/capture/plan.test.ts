import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAnswers } from '../../src/capture/answers.js';
import { captureConfigSchema } from '../../src/capture/captureConfig.js';
import { planCapture } from '../../src/capture/plan.js';
import type { Workspace } from '../../src/workspace.js';
import { runCli } from '../helpers/cli.js';
import { thrown } from '../helpers/errors.js';
import { tempDir } from '../helpers/temp.js';

/** What capture plans to collect: options over the config's `capture:` defaults. */

const ROOT = path.resolve('/ws');
const NOW = new Date('2026-01-05T17:16:30Z');

function workspace(capture: unknown = undefined): Workspace {
  return {
    root: ROOT,
    initialised: true,
    config: { incidents_dir: 'incidents', database: 'db', timezone: 'Europe/Berlin', template: 'default', capture: captureConfigSchema.parse(capture) },
    incidentsDir: path.join(ROOT, 'incidents'),
    databasePath: path.join(ROOT, 'db'),
  };
}

const CONFIG = {
  logs: ['logs/app.log', { file: 'logs/deploy.log', source: 'railway' }, { command: 'kubectl logs deploy/api', source: 'api' }],
  repos: ['.', '../infra'],
  since: '30m',
  checks: 'checks.yaml',
  base_url: 'https://api.example.com',
  env: { required: ['DATABASE_URL'], from: '.env' },
};

describe('planCapture', () => {
  it('takes the config defaults, with paths from the workspace', () => {
    const plan = planCapture({}, workspace(CONFIG), { cwd: path.join(ROOT, 'sub'), now: NOW });
    expect(plan.logs).toEqual([
      { kind: 'file', file: path.join(ROOT, 'logs/app.log'), shown: '../logs/app.log', source: 'app.log', format: undefined },
      { kind: 'file', file: path.join(ROOT, 'logs/deploy.log'), shown: '../logs/deploy.log', source: 'railway', format: undefined },
      { kind: 'command', command: 'kubectl logs deploy/api', source: 'api', format: undefined },
    ]);
    expect(plan.repos.map((r) => r.dir)).toEqual([ROOT, path.resolve(ROOT, '../infra')]);
    expect([plan.since, plan.until]).toEqual(['2026-01-05T16:46:30Z', null]);
    expect(plan.checksFile).toEqual({ file: path.join(ROOT, 'checks.yaml'), shown: '../checks.yaml', baseUrl: 'https://api.example.com' });
    expect(plan.env).toEqual({ required: ['DATABASE_URL'], optional: [], from: path.join(ROOT, '.env') });
    expect(plan.draft).toBe(path.join(ROOT, 'postmortems/{id}/postmortem.md'));
  });

  it('an option replaces its setting; times without an offset are in the config zone', () => {
    const plan = planCapture(
      { logs: ['api=-', 'x.log'], repo: ['svc'], since: '2026-01-05 17:00', until: '2026-01-05 19:00', url: ['https://a.example/health'], envFrom: 'process' },
      workspace(CONFIG),
      { cwd: ROOT, now: NOW },
    );
    expect(plan.logs).toEqual([
      { kind: 'stdin', source: 'api' },
      { kind: 'file', file: path.join(ROOT, 'x.log'), shown: 'x.log', source: 'x.log' },
    ]);
    expect(plan.repos.map((r) => r.dir)).toEqual([path.join(ROOT, 'svc')]);
    expect([plan.since, plan.until]).toEqual(['2026-01-05T17:00:00+01:00', '2026-01-05T19:00:00+01:00']);
    expect([plan.checksFile, plan.urls]).toEqual([null, ['https://a.example/health']]);
    expect(plan.env?.from).toBe('process');
  });

  it('nothing configured: nothing to collect (the workspace is no git checkout)', () => {
    const plan = planCapture({}, workspace(), { cwd: ROOT, now: NOW });
    expect([plan.logs, plan.repos, plan.checksFile, plan.urls, plan.env, plan.since]).toEqual([[], [], null, [], null, '2026-01-05T15:16:30Z']);
  });

  it('refuses a window that ends before it starts, and two logs with one name', () => {
    expect(thrown(() => planCapture({ since: '2026-01-05T18:00Z', until: '2026-01-05T17:00Z' }, workspace(), { cwd: ROOT, now: NOW })).code).toBe('bad-window');
    expect(thrown(() => planCapture({ logs: ['a/app.log', 'b/app.log'] }, workspace(), { cwd: ROOT, now: NOW })).code).toBe('duplicate-log-source');
  });
});

describe('parseAnswers', () => {
  it('keeps the record fields given, validated, and ignores what capture sets itself', () => {
    const answers = parseAnswers('id: 2026-01-05-x\ntitle: T\nstatus: published\nsummary: S\nfactors:\n  - text: F\n', 'answers.yaml');
    expect(answers).toEqual({ id: '2026-01-05-x', fields: { summary: 'S', factors: [{ text: 'F', tags: [] }] } });
  });

  it('lists each bad field, and refuses unknown ones', () => {
    const error = thrown(() => parseAnswers('sumary: S\nactions:\n  - text: A\n    due: soon\n', 'answers.yaml'));
    expect(error.code).toBe('invalid-answers');
    expect(error.details.join('\n')).toMatch(/sumary/);
    expect(error.details.join('\n')).toMatch(/actions\[0\]\.due/);
  });
});

describe('help', () => {
  it('capture, status and publish have --help with examples and exit codes', async () => {
    for (const command of ['capture', 'status', 'publish']) {
      const [code, stdout] = await runCli([command, '--help'], { cwd: tempDir() });
      expect([command, code, stdout.includes('Examples:'), stdout.includes('Exit codes:')]).toEqual([command, 0, true, true]);
    }
  });
});
