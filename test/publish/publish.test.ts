import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir, writeTree } from '../helpers/temp.js';

/**
 * The review workflow: `status ID draft|in-review|published` and `publish ID`.
 * Publishing runs the lint; an error (required section missing, prevention item
 * without owner or due date) refuses it with the list of what to fix, exit 3,
 * nothing written. --force publishes and the record keeps a warning saying so.
 */

const ID = '2026-02-01-login-outage';
const RECORD = `id: ${ID}
title: Login outage
severity: SEV2
times:
  started: 2026-02-01T10:00:00+01:00
  resolved: 2026-02-01T10:45:00+01:00
summary: Logins failed for 45 minutes.
impact: Nobody could sign in.
factors:
  - text: An expired certificate
timeline:
  - time: 2026-02-01T10:05:00+01:00
    text: Alert fired
    kind: detected
actions:
  - text: Monitor certificate expiry
    owner: alice
    due: 2026-03-01
  - text: Rotate certificates automatically
`;

async function workspace(record = RECORD): Promise<string> {
  const cwd = tempDir();
  await runCli(['init'], { cwd });
  writeTree(cwd, { 'record.yaml': record });
  const [code, , stderr] = await runCli(['import', 'record.yaml'], { cwd });
  expect([code, stderr]).toEqual([0, '']);
  return cwd;
}

async function record(cwd: string): Promise<{ status: string; updated_at: string; evidence: { warnings: { text: string; source: string | null }[] } }> {
  return JSON.parse((await runCli(['show', ID, '--json'], { cwd }))[1]);
}

describe('status and publish', () => {
  it('publish refuses a postmortem that fails the lint, listing what to fix; nothing is written', async () => {
    const cwd = await workspace();
    const before = await record(cwd);
    const [code, stdout, stderr] = await runCli(['publish', ID], { cwd });
    expect([code, stdout]).toEqual([3, '']);
    expect(stderr).toBe(
      [
        `error: ${ID} cannot be published: the lint found 2 errors to fix.`,
        '  action #2 "Rotate certificates automatically" has no owner (in "Action items") [action-owner]',
        '  action #2 "Rotate certificates automatically" has no due date (in "Action items") [action-due]',
        `hint: Fix them (postmortem edit ${ID}; \`postmortem lint ${ID}\` shows every finding), then publish again, or publish anyway with --force (recorded in the record). Nothing was written.`,
        '',
      ].join('\n'),
    );
    expect(await record(cwd)).toEqual(before);
    // status ... published takes the same gate.
    const [statusCode, , statusErr] = await runCli(['status', ID, 'published'], { cwd });
    expect(statusCode).toBe(3);
    expect(statusErr).toContain('cannot be published');
    expect((await record(cwd)).status).toBe('draft');
  });

  it('a required section missing blocks publishing too', async () => {
    const cwd = await workspace(RECORD.replace('impact: Nobody could sign in.\n', ''));
    const [code, , stderr] = await runCli(['publish', ID], { cwd });
    expect(code).toBe(3);
    expect(stderr).toMatch(/impact.*\[missing-section\]/i);
  });

  it('draft → in-review → published once the lint passes; the captured draft is rendered again', async () => {
    const cwd = await workspace(RECORD.replace('  - text: Rotate certificates automatically\n', ''));
    fs.mkdirSync(path.join(cwd, 'postmortems', ID), { recursive: true });
    fs.writeFileSync(path.join(cwd, 'postmortems', ID, 'postmortem.md'), 'old draft\n');
    expect(await runCli(['status', ID, 'in-review'], { cwd })).toEqual([
      0,
      `${ID}: draft → in-review\nDraft updated: ${path.join('postmortems', ID, 'postmortem.md')}\n`,
      '',
    ]);
    const [code, stdout, stderr] = await runCli(['publish', ID, '--json'], { cwd });
    expect([code, stderr]).toEqual([0, '']);
    expect(JSON.parse(stdout)).toMatchObject({ id: ID, from: 'in-review', to: 'published', changed: true, forced: false });
    expect((await record(cwd)).status).toBe('published');
    expect(fs.readFileSync(path.join(cwd, 'postmortems', ID, 'postmortem.md'), 'utf8')).toContain('**Status:** Published');
    expect(await runCli(['publish', ID], { cwd })).toEqual([0, `${ID} is already published; nothing changed.\n`, '']);
    // Back to draft needs no lint.
    expect((await runCli(['status', ID, 'draft'], { cwd }))[0]).toBe(0);
    expect((await record(cwd)).status).toBe('draft');
  });

  it('--force publishes over lint errors and says so in the record', async () => {
    const cwd = await workspace();
    const [code, stdout, stderr] = await runCli(['publish', ID, '--force'], { cwd });
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout).toContain(`${ID}: draft → published (forced over lint errors; the record says so)`);
    expect(stdout).toContain('  error: action #2 "Rotate certificates automatically" has no owner (in "Action items") [action-owner]');
    const after = await record(cwd);
    expect(after.status).toBe('published');
    expect(after.evidence.warnings).toEqual([
      {
        source: 'publish --force',
        text: 'Published with --force on 2026-01-06T09:00:00Z over 2 lint errors: action #2 "Rotate certificates automatically" has no owner [action-owner]; action #2 "Rotate certificates automatically" has no due date [action-due]',
      },
    ]);
    const [, rendered] = await runCli(['render', ID], { cwd });
    expect(rendered).toContain('Published with --force on 2026-01-06T09:00:00Z');
  });

  it('an unknown status or incident is a clear error', async () => {
    const cwd = await workspace();
    const [code, , stderr] = await runCli(['status', ID, 'done'], { cwd });
    expect(code).toBe(3);
    expect(stderr).toContain('error: "done" is not a status.\nhint: Use one of: draft, in-review, published. Nothing was written.');
    const [missing, , missingErr] = await runCli(['publish', 'nope'], { cwd });
    expect(missing).toBe(4);
    expect(missingErr).toContain('Incident "nope" does not exist.');
  });
});
