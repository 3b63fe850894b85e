import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_FILE, resolveWorkspace } from '../../src/workspace.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';

/**
 * `postmortem init` writes a config a newcomer can read: every key explained,
 * the defaults written out, and examples (capture, lint, actions) commented
 * out so that deleting the leading "# " gives a valid config.
 */

/** Uncomments the example blocks: a `# key:` line at the left edge and the `#   ...` lines under it. */
function uncomment(text: string): string {
  let inBlock = false;
  return text
    .split('\n')
    .map((line) => {
      if (/^# [a-z_]+:/.test(line)) inBlock = true;
      else if (!line.startsWith('#   ')) inBlock = false;
      return inBlock ? line.slice(2) : line;
    })
    .join('\n');
}

async function initialised(): Promise<{ cwd: string; config: string }> {
  const cwd = tempDir();
  const [code, stdout, stderr] = await runCli(['init'], { cwd });
  expect([code, stderr]).toEqual([0, '']);
  expect(stdout).toContain('Next: read postmortem.config.yaml (every setting is explained there)');
  return { cwd, config: fs.readFileSync(path.join(cwd, CONFIG_FILE), 'utf8') };
}

describe('init writes a readable config', () => {
  it('holds the defaults, and explains every key with a comment above it', async () => {
    const { cwd, config } = await initialised();
    expect(resolveWorkspace({ cwd, env: {} }).config).toMatchObject({
      incidents_dir: 'incidents',
      database: path.join('.postmortem', 'postmortem.db'),
      timezone: 'UTC',
      template: 'default',
      capture: { logs: [], repos: [], since: '2h', urls: [], draft: 'postmortems/{id}/postmortem.md' },
    });
    const lines = config.split('\n');
    for (const key of ['incidents_dir', 'database', 'timezone', 'template', 'capture', 'lint', 'actions']) {
      const at = lines.findIndex((line) => line.startsWith(`${key}:`) || line.startsWith(`# ${key}:`));
      expect([key, at >= 0]).toEqual([key, true]);
      expect([key, lines[at - 1]?.startsWith('# ')]).toEqual([key, true]);
    }
    for (const key of ['logs', 'repos', 'since', 'until', 'checks', 'base_url', 'urls', 'timeout_ms', 'env', 'draft']) {
      expect([key, new RegExp(`^#   (# )?${key}:`, 'm').test(config)]).toEqual([key, true]);
    }
  });

  it('its commented examples, uncommented, are a valid config that capture reads', async () => {
    const { cwd, config } = await initialised();
    fs.writeFileSync(path.join(cwd, CONFIG_FILE), uncomment(config));
    const { capture, lint, actions } = resolveWorkspace({ cwd, env: {} }).config;
    expect(capture).toMatchObject({
      logs: [
        { file: 'logs/deploy.log', source: 'railway' },
        { command: 'kubectl logs deploy/api --timestamps --since=3h', source: 'api' },
      ],
      repos: ['.', '../infra'],
      since: '2h',
      checks: 'checks.yaml',
      env: { required: ['DATABASE_URL', 'SECRET_KEY'], optional: ['SMTP_*'], from: 'process' },
      draft: 'postmortems/{id}/postmortem.md',
    });
    expect(lint?.required_sections).toContain('summary');
    expect(actions).toBeDefined();
    expect((await runCli(['list'], { cwd }))[0]).toBe(0);
  });

  it('a typo under capture: is named, and nothing runs', async () => {
    const { cwd } = await initialised();
    fs.appendFileSync(path.join(cwd, CONFIG_FILE), 'capture:\n  log: [deploy.log]\n  since: 2h\n');
    const [code, stdout, stderr] = await runCli(['capture', 'Crash', '--no-input'], { cwd });
    expect([code, stdout]).toEqual([3, '']);
    expect(stderr).toContain('has invalid settings:');
    expect(stderr).toMatch(/capture.*log/);
  });
});
