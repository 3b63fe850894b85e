import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../helpers/cli.js';
import { SEED_FILE } from '../helpers/records.js';
import { tempDir } from '../helpers/temp.js';

/** A fresh workspace made by `postmortem init`. */
async function workspace(): Promise<string> {
  const cwd = tempDir();
  const [code] = await runCli(['init'], { cwd });
  expect(code).toBe(0);
  return cwd;
}

describe('postmortem CLI (black box)', () => {
  it('init creates the config, incidents/ and a git-ignored database', async () => {
    const cwd = tempDir();
    const [code, stdout, stderr] = await runCli(['init'], { cwd });
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout).toContain('created postmortem.config.yaml');
    expect(fs.existsSync(path.join(cwd, 'incidents'))).toBe(true);
    expect(fs.existsSync(path.join(cwd, '.postmortem', 'postmortem.db'))).toBe(true);
    expect(fs.readFileSync(path.join(cwd, '.postmortem', '.gitignore'), 'utf8')).toContain('*');
    const [again, second] = await runCli(['init'], { cwd });
    expect([again, second.includes('kept    postmortem.config.yaml')]).toEqual([0, true]);
  });

  it('writes a postmortem by hand: new, set, add, show, render', async () => {
    const cwd = await workspace();
    const created = await runCli(['new', 'Login outage', '--severity', 'SEV2', '--service', 'auth', '--started', '2026-02-01 10:00 +01:00'], { cwd });
    expect(created).toEqual([0, '2026-02-01-login-outage\n', '']);
    const id = '2026-02-01-login-outage';
    const steps: string[][] = [
      ['set', id, 'resolved', '2026-02-01 10:45 +01:00'],
      ['set', id, 'detected', '2026-02-01T09:05:00Z'],
      ['factor', 'add', id, 'Certificate expired', '--tag', 'tls'],
      ['event', 'add', id, '2026-02-01 10:05 +01:00', 'Alert fired', '--kind', 'detected'],
      ['lesson', 'add', id, 'Watch expiry dates', '--category', 'went-wrong'],
      ['action', 'add', id, 'Alert 30 days before expiry', '--owner', 'alice', '--due', '2026-03-01', '--kind', 'detect', '--priority', 'high'],
      ['metric', 'add', id, 'Logins restored', '100%'],
    ];
    for (const args of steps) {
      const [code, , stderr] = await runCli(args, { cwd });
      expect([args.join(' '), code, stderr]).toEqual([args.join(' '), 0, '']);
    }
    const [, summaryOut] = await runCli(['set', id, 'summary', '-'], { cwd, stdin: 'Logins failed | for 45 minutes.\n\nSecond paragraph.\n' });
    expect(summaryOut).toBe(`${id}: summary set\n`);

    const [code, json] = await runCli(['show', id, '--json'], { cwd });
    expect(code).toBe(0);
    const record = JSON.parse(json);
    expect(record).toMatchObject({
      id,
      severity: 'SEV2',
      summary: 'Logins failed | for 45 minutes.\n\nSecond paragraph.',
      times: { started: '2026-02-01T10:00:00+01:00', detected: '2026-02-01T09:05:00Z', resolved: '2026-02-01T10:45:00+01:00' },
      actions: [{ id: 1, owner: 'alice', due: '2026-03-01', kind: 'detect', priority: 'high', status: 'open', created_at: '2026-01-06T09:00:00Z' }],
      derived: { time_to_detect_seconds: 300, downtime_seconds: 2700 },
    });
    const [, text] = await runCli(['show', id], { cwd });
    expect(text).toContain('Downtime:     45 min');

    const [renderCode, markdown, renderErr] = await runCli(['render', id], { cwd });
    expect([renderCode, renderErr]).toEqual([0, '']);
    expect(markdown).toContain('# Login outage');
    expect(markdown).toContain('Certificate expired');

    const [listCode, list] = await runCli(['list', '--json'], { cwd });
    expect(listCode).toBe(0);
    expect(JSON.parse(list)).toEqual([
      {
        id,
        title: 'Login outage',
        status: 'draft',
        severity: 'SEV2',
        services: ['auth'],
        started: '2026-02-01T10:00:00+01:00',
        resolved: '2026-02-01T10:45:00+01:00',
        downtime_minutes: 45,
        open_actions: 1,
      },
    ]);
  });

  it('takes --db before or after the command, and POSTMORTEM_DB', async () => {
    const cwd = tempDir();
    const db = path.join(cwd, 'elsewhere.db');
    expect((await runCli(['--db', db, 'new', 'First', '--id', 'first'], { cwd }))[0]).toBe(0);
    expect((await runCli(['new', 'Second', '--id', 'second', '--db', db], { cwd }))[0]).toBe(0);
    const [code, out] = await runCli(['list', '--json'], { cwd, env: { POSTMORTEM_DB: db } });
    expect(code).toBe(0);
    expect(
      JSON.parse(out)
        .map((i: { id: string }) => i.id)
        .sort(),
    ).toEqual(['first', 'second']);
  });

  it('exports and imports the file form', async () => {
    const cwd = await workspace();
    expect(await runCli(['import', SEED_FILE], { cwd })).toEqual([
      0,
      'created     2026-01-05-migration-0021-duplicate-table\nImported 1 file: 1 created\n',
      '',
    ]);
    const [code, out] = await runCli(['export'], { cwd });
    expect([code, out]).toEqual([0, 'Exported 1 incident to incidents: 1 written, 0 unchanged\n']);
    expect(fs.readFileSync(path.join(cwd, 'incidents', path.basename(SEED_FILE)), 'utf8')).toBe(fs.readFileSync(SEED_FILE, 'utf8'));
    const [, stdoutForm] = await runCli(['export', '2026-01-05-migration-0021-duplicate-table', '--out', '-'], { cwd });
    expect(stdoutForm).toBe(fs.readFileSync(SEED_FILE, 'utf8'));
  });

  it('edit: applies a valid edit, keeps an invalid one on disk and writes nothing', async () => {
    const cwd = await workspace();
    await runCli(['new', 'Edit me', '--id', 'edit-me'], { cwd });
    const editor = path.join(cwd, 'editor.sh');
    fs.writeFileSync(editor, '#!/bin/sh\nsed -i "s/^title: .*/title: Edited title/" "$1"\n', { mode: 0o755 });
    expect(await runCli(['edit', 'edit-me'], { cwd, env: { EDITOR: editor } })).toEqual([0, 'edit-me: saved\n', '']);
    fs.writeFileSync(editor, '#!/bin/sh\nsed -i "s/^status: .*/status: finished/" "$1"\n', { mode: 0o755 });
    const [code, , stderr] = await runCli(['edit', 'edit-me'], { cwd, env: { EDITOR: editor } });
    expect(code).toBe(3);
    expect(stderr).toContain('status: must be one of "draft", "in-review", "published"');
    expect(stderr).toContain('Nothing was written; your edit is kept in');
    const [, json] = await runCli(['show', 'edit-me', '--json'], { cwd });
    expect(JSON.parse(json)).toMatchObject({ title: 'Edited title', status: 'draft' });
  });

  describe('bad input: exit code, nothing on stdout, a message that says what to do', () => {
    it('unknown incident', async () => {
      const cwd = await workspace();
      expect(await runCli(['show', 'nope'], { cwd })).toEqual([
        4,
        '',
        'error: Incident "nope" does not exist.\nhint: Run `postmortem list` to see the ids of stored incidents.\n',
      ]);
    });

    it('bad date', async () => {
      const cwd = await workspace();
      expect(await runCli(['new', 'X', '--started', '2026-02-30 10:00'], { cwd })).toEqual([
        3,
        '',
        'error: --started: "2026-02-30 10:00" is not a real date and time.\nhint: Write times like 2026-01-05T17:00:00Z, "2026-01-05 17:00 +01:00", or "2026-01-05 17:00" (read in the config timezone). Nothing was written.\n',
      ]);
      const [, list] = await runCli(['list', '--json'], { cwd });
      expect(JSON.parse(list)).toEqual([]);
    });

    it('unreadable database', async () => {
      const cwd = tempDir();
      const db = path.join(cwd, 'not-a-db.db');
      fs.writeFileSync(db, 'this is not SQLite, just text that is long enough to look like a header '.repeat(10));
      const [code, stdout, stderr] = await runCli(['list', '--db', db], { cwd });
      expect([code, stdout]).toEqual([6, '']);
      expect(stderr.replace(db, 'DB')).toBe(
        'error: Cannot use the database at DB: file is not a database.\nhint: Check that the path points at a postmortem database (not another file) and that you can read and write it. Nothing was changed.\n',
      );
    });

    it('no workspace', async () => {
      const cwd = tempDir();
      const [code, stdout, stderr] = await runCli(['list'], { cwd });
      expect([code, stdout]).toEqual([6, '']);
      expect(stderr).toContain('hint: Run `postmortem init` here to create one, or pass --db PATH');
    });

    it('unknown command and missing argument are usage errors', async () => {
      const cwd = await workspace();
      const [code, , stderr] = await runCli(['frobnicate'], { cwd });
      expect(code).toBe(2);
      expect(stderr).toContain("unknown command 'frobnicate'");
      expect((await runCli(['new'], { cwd }))[0]).toBe(2);
    });

    it('a field set to an invalid value writes nothing', async () => {
      const cwd = await workspace();
      await runCli(['new', 'X', '--id', 'x'], { cwd });
      const [code, , stderr] = await runCli(['set', 'x', 'status', 'done'], { cwd });
      expect(code).toBe(3);
      expect(stderr).toBe('error: "done" is not a status.\nhint: Use one of: draft, in-review, published. Nothing was written.\n');
    });

    it('set ID status published passes the same lint gate as publish', async () => {
      const cwd = await workspace();
      await runCli(['new', 'X', '--id', 'x'], { cwd });
      await runCli(['action', 'add', 'x', 'Add a test'], { cwd });
      const [code, , stderr] = await runCli(['set', 'x', 'status', 'published'], { cwd });
      expect(code).toBe(3);
      expect(stderr).toContain('x cannot be published');
      expect(JSON.parse((await runCli(['show', 'x', '--json'], { cwd }))[1]).status).toBe('draft');
    });
  });

  it('every command has --help with examples', async () => {
    const cwd = tempDir();
    const commands = [
      [],
      ['init'],
      ['new'],
      ['list'],
      ['show'],
      ['set'],
      ['edit'],
      ['event', 'add'],
      ['factor', 'add'],
      ['lesson', 'add'],
      ['action', 'add'],
      ['metric', 'add'],
      ['step', 'add'],
      ['section', 'add'],
      ['export'],
      ['import'],
      ['render'],
    ];
    for (const command of commands) {
      const [code, stdout] = await runCli([...command, '--help'], { cwd });
      expect([command.join(' '), code, /Examples:\n {2}\$ .*postmortem \S/.test(stdout)]).toEqual([command.join(' '), 0, true]);
    }
  });
});

describe('large imports (parsed on worker threads)', () => {
  it('imports a folder of 150 record files, and writes none of them when one is invalid', async () => {
    const { generateIncident, makeRandom } = await import('../../bench/generate.js' as string);
    const { serializeIncident } = await import('../../src/record/fileForm.js');
    const { incidentSchema } = await import('../../src/record/schema.js');
    const cwd = await workspace();
    const dir = path.join(cwd, 'shared');
    fs.mkdirSync(dir);
    const random = makeRandom(11);
    for (let i = 0; i < 150; i++) {
      const incident = incidentSchema.parse(generateIncident(i, random));
      fs.writeFileSync(path.join(dir, `${incident.id}.yaml`), serializeIncident(incident));
    }
    fs.writeFileSync(path.join(dir, 'zz-broken.yaml'), 'id: broken\ntitle: Broken\nstatus: nope\n');
    const [code, stdout, stderr] = await runCli(['import', 'shared'], { cwd });
    expect([code, stdout]).toEqual([3, '']);
    expect(stderr).toContain('zz-broken.yaml has an invalid field:\n  status: must be one of "draft", "in-review", "published"');
    expect(JSON.parse((await runCli(['list', '--json'], { cwd }))[1])).toEqual([]);

    fs.rmSync(path.join(dir, 'zz-broken.yaml'));
    const [okCode, okOut] = await runCli(['import', 'shared', '--json'], { cwd });
    expect(okCode).toBe(0);
    const report = JSON.parse(okOut);
    expect(report.files).toHaveLength(150);
    expect(report.files.every((f: { outcome: string }) => f.outcome === 'created')).toBe(true);
    // In file order, whichever thread parsed them.
    expect(report.files.map((f: { file: string }) => f.file)).toEqual(
      fs
        .readdirSync(dir)
        .sort()
        .map((name) => path.join('shared', name)),
    );
    expect(JSON.parse((await runCli(['list', '--json'], { cwd }))[1])).toHaveLength(150);
  });
});

describe('pipes', () => {
  it('stays quiet when the reader closes the pipe early (| head)', async () => {
    const { execFileSync } = await import('node:child_process');
    const { BIN } = await import('../helpers/cli.js');
    const output = execFileSync('bash', ['-c', `node ${JSON.stringify(BIN)} --help | head -1; echo "exit=\${PIPESTATUS[0]}"`], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(output).toBe('Usage: postmortem [options] [command]\nexit=0\n');
  });
});

describe('importing Markdown postmortems', () => {
  it('imports a folder of real postmortems, reports what it recognised, and updates instead of duplicating', async () => {
    const cwd = await workspace();
    const corpus = path.join(REPO_ROOT, 'test', 'fixtures', 'dfds');
    const [code, stdout, stderr] = await runCli(['import', corpus], { cwd });
    expect([code, stderr]).toEqual([0, '']);
    const mdFiles = fs.readdirSync(corpus).filter((name) => name.endsWith('.md')).length;
    expect(stdout).toMatch(new RegExp(`Markdown: date found in \\d+ of ${mdFiles}, .*timeline found in \\d+ of ${mdFiles}`));
    expect(stdout).toContain('kept as written: Attendees');
    const [, again] = await runCli(['import', corpus], { cwd });
    expect(again).toContain(`${mdFiles} unchanged (nothing written)`);
    expect(JSON.parse((await runCli(['list', '--json'], { cwd }))[1])).toHaveLength(mdFiles);
  });
});

describe('render --all, --format json, template list', () => {
  it('renders every incident to <out>/<id>/postmortem.md, and the view model as JSON', async () => {
    const cwd = await workspace();
    await runCli(['import', SEED_FILE], { cwd });
    await runCli(['new', 'Second', '--id', 'second'], { cwd });
    expect(await runCli(['render', '--all', '--out', 'out'], { cwd })).toEqual([0, 'Rendered 2 incidents to out/<id>/postmortem.md\n', '']);
    const seedId = path.basename(SEED_FILE, '.yaml');
    expect(fs.readFileSync(path.join(cwd, 'out', seedId, 'postmortem.md'), 'utf8')).toContain('**Total Downtime:** 16 min');
    expect(fs.readFileSync(path.join(cwd, 'out', 'second', 'postmortem.md'), 'utf8')).toMatch(/^# Second\n/);
    const [code, json] = await runCli(['render', seedId, '--format', 'json'], { cwd });
    expect(code).toBe(0);
    expect(JSON.parse(json).header).toBeTruthy();
    expect((await runCli(['render'], { cwd }))[0]).toBe(2);
    const [htmlCode, html] = await runCli(['render', seedId, '--format', 'html'], { cwd });
    expect(htmlCode).toBe(0);
    expect(html).toMatch(/^<!DOCTYPE html>[\s\S]*<h1>Railway deployment crashed/);
  });

  it('lists built-in and workspace templates', async () => {
    const cwd = await workspace();
    fs.mkdirSync(path.join(cwd, 'templates', 'team'), { recursive: true });
    fs.writeFileSync(path.join(cwd, 'templates', 'team', 'postmortem.hbs'), '# {{header.title}}\n');
    const [code, out] = await runCli(['template', 'list', '--json'], { cwd });
    expect(code).toBe(0);
    expect(JSON.parse(out).map((t: { name: string; source: string }) => `${t.name}:${t.source}`)).toEqual([
      'team:workspace',
      'action-review:built-in',
      'default:built-in',
      'sre:built-in',
      'stakeholder:built-in',
    ]);
  });
});
