import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadIncident, saveIncident } from '../../src/db/incidentStore.js';
import { openDatabase } from '../../src/db/open.js';
import { serializeIncident } from '../../src/record/fileForm.js';
import { exportRecordFiles } from '../../src/sync/exportRecords.js';
import { importRecordFiles } from '../../src/sync/importRecords.js';
import { userError } from '../helpers/errors.js';
import { makeIncident } from '../helpers/records.js';
import { tempDir, writeTree } from '../helpers/temp.js';

const NOW = '2026-01-06T09:00:00Z';

function setup() {
  const root = tempDir();
  const db = openDatabase(path.join(root, 'pm.db'), { create: true });
  const options = { backupDir: path.join(root, 'backups'), now: NOW };
  return { root, db, options };
}

describe('import validation', () => {
  it('lists each bad field, and writes nothing when any file is invalid', async () => {
    const { root, db, options } = setup();
    writeTree(root, {
      'good.yaml': serializeIncident(makeIncident({ id: 'good' })),
      'bad.yaml': [
        'id: Bad Id',
        'title: ""',
        'status: finished',
        'times:',
        '  started: yesterday',
        'actions:',
        '  - text: Fix it',
        '    due: 2026-13-01',
        '    priorty: high',
        'evidence:',
        '  checks:',
        '    - url: http://x/health',
        '',
      ].join('\n'),
    });
    const error = await userError(importRecordFiles(db, [path.join(root, 'good.yaml'), path.join(root, 'bad.yaml')], options));
    expect(error.exitCode).toBe(3);
    expect([error.message, ...error.details].join('\n').replaceAll(root, 'DIR')).toMatchInlineSnapshot(`
      "DIR/bad.yaml has 7 invalid fields:
      id: must be lowercase letters, digits and dashes, like 2026-01-05-db-migration-crash
      title: must not be empty
      status: must be one of "draft", "in-review", "published"
      times.started: "yesterday" is not a timestamp like 2026-01-05T17:00:00Z or 2026-01-05 17:00 +01:00
      evidence.checks[0].passed: is required (boolean)
      actions[0].due: "2026-13-01" is not a date like 2026-01-31
      actions[0]: unknown field priorty"
    `);
    expect(error.hint).toBe('Fix the fields listed above and import again; nothing was written.');
    expect(db.prepare('SELECT count(*) FROM incidents').pluck().get()).toBe(0);
  });

  it('reports YAML syntax errors with the line', async () => {
    const { root, db, options } = setup();
    writeTree(root, { 'broken.yaml': 'id: a\ntitle: [unclosed\n' });
    const error = await userError(importRecordFiles(db, [path.join(root, 'broken.yaml')], options));
    expect(error.message.replaceAll(root, 'DIR')).toContain('DIR/broken.yaml is not valid YAML');
    expect(error.message).toMatch(/line \d+/);
  });
});

describe('import through git: merges and conflicts', () => {
  /** A workspace where `incident` was exported (shared) once. */
  async function shared() {
    const ctx = setup();
    const incident = makeIncident();
    ctx.db.transaction(() => saveIncident(ctx.db, incident))();
    const dir = path.join(ctx.root, 'incidents');
    exportRecordFiles(ctx.db, [incident.id], { outDir: dir, now: NOW });
    const file = path.join(dir, `${incident.id}.yaml`);
    return { ...ctx, incident, file };
  }
  const editFile = (file: string, from: string, to: string) => fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(from, to));

  it('takes a record edited in a pull request', async () => {
    const { db, options, incident, file } = await shared();
    editFile(file, 'summary: Logins failed for 45 minutes.', 'summary: Logins failed for 45 minutes in the EU.');
    const result = await importRecordFiles(db, [file], options);
    expect(result.files[0]?.outcome).toBe('updated');
    expect(loadIncident(db, incident.id)?.summary).toBe('Logins failed for 45 minutes in the EU.');
  });

  it('merges a pull request with local changes to other fields', async () => {
    const { db, options, incident, file } = await shared();
    editFile(file, 'summary: Logins failed for 45 minutes.', 'summary: Edited in the PR.');
    db.transaction(() => saveIncident(db, { ...incident, severity: 'SEV1' }))();
    const result = await importRecordFiles(db, [file], options);
    expect(result.files[0]).toMatchObject({ conflicts: [], outcome: 'merged', fields: ['summary'], keptLocal: ['severity'] });
    expect(loadIncident(db, incident.id)).toMatchObject({ summary: 'Edited in the PR.', severity: 'SEV1' });
  });

  it('does not let a stale file undo a newer local change', async () => {
    const { db, options, incident, file } = await shared();
    db.transaction(() => saveIncident(db, { ...incident, summary: 'Newer local text.' }))();
    const result = await importRecordFiles(db, [file], options);
    expect(result.files[0]?.outcome).toBe('merged');
    expect(loadIncident(db, incident.id)?.summary).toBe('Newer local text.');
  });

  it('reports a conflict when both sides changed a field, and loses neither', async () => {
    const { db, options, incident, file } = await shared();
    editFile(file, 'summary: Logins failed for 45 minutes.', 'summary: The PR says this.');
    db.transaction(() => saveIncident(db, { ...incident, summary: 'The laptop says that.' }))();
    const before = fs.readFileSync(file, 'utf8');
    const result = await importRecordFiles(db, [file], options);
    expect(result).toMatchObject({ written: false, files: [{ outcome: 'conflict', conflicts: ['summary'] }] });
    expect(loadIncident(db, incident.id)?.summary).toBe('The laptop says that.');
    expect(fs.readFileSync(file, 'utf8')).toBe(before);

    // --theirs takes the file and keeps the local version as a backup.
    const forced = await importRecordFiles(db, [file], { ...options, theirs: true });
    expect(forced.files[0]?.outcome).toBe('overwritten');
    expect(loadIncident(db, incident.id)?.summary).toBe('The PR says this.');
    expect(fs.readFileSync(forced.files[0]?.backup ?? '', 'utf8')).toContain('summary: The laptop says that.');
  });

  it('does not overwrite a record file holding edits that were never imported', async () => {
    const { db, incident, file } = await shared();
    editFile(file, 'summary: Logins failed for 45 minutes.', 'summary: Unimported edit.');
    db.transaction(() => saveIncident(db, { ...incident, severity: 'SEV1' }))();
    const results = exportRecordFiles(db, [incident.id], { outDir: path.dirname(file), now: NOW });
    expect(results[0]?.outcome).toBe('conflict');
    expect(fs.readFileSync(file, 'utf8')).toContain('Unimported edit.');
  });

  it('importing the same file twice updates, never duplicates', async () => {
    const { db, options, file } = await shared();
    expect((await importRecordFiles(db, [file], options)).files[0]?.outcome).toBe('unchanged');
    expect(db.prepare('SELECT count(*) FROM incidents').pluck().get()).toBe(1);
  });
});
