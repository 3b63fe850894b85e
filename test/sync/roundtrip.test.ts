import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JS generator shared with the benchmarks
import { generateIncident, makeRandom } from '../../bench/generate.js';
import { loadIncident } from '../../src/db/incidentStore.js';
import { openDatabase } from '../../src/db/open.js';
import { serializeIncident } from '../../src/record/fileForm.js';
import { incidentSchema } from '../../src/record/schema.js';
import { allIncidentIds, exportRecordFiles } from '../../src/sync/exportRecords.js';
import { importRecordFiles } from '../../src/sync/importRecords.js';
import { SEED_FILE, seedIncident } from '../helpers/records.js';
import { tempDir, writeTree } from '../helpers/temp.js';

const NOW = '2026-01-06T09:00:00Z';

function readAll(dir: string): Record<string, string> {
  return Object.fromEntries(
    fs
      .readdirSync(dir)
      .sort()
      .map((name) => [name, fs.readFileSync(path.join(dir, name), 'utf8')]),
  );
}

describe('file form round trip', () => {
  it('export, import into a fresh database, export again: byte-identical', async () => {
    const root = tempDir();
    const source = path.join(root, 'source');
    const random = makeRandom(7);
    const files: Record<string, string> = { [path.basename(SEED_FILE)]: serializeIncident(seedIncident()) };
    for (let i = 0; i < 40; i++) {
      const incident = incidentSchema.parse(generateIncident(i, random));
      files[`${incident.id}.yaml`] = serializeIncident(incident);
    }
    writeTree(source, files);

    const first = openDatabase(path.join(root, 'one.db'), { create: true });
    await importRecordFiles(
      first,
      Object.keys(files).map((f) => path.join(source, f)),
      { backupDir: root, now: NOW },
    );
    exportRecordFiles(first, allIncidentIds(first), { outDir: path.join(root, 'out1'), now: NOW });

    const second = openDatabase(path.join(root, 'two.db'), { create: true });
    const exported = readAll(path.join(root, 'out1'));
    await importRecordFiles(
      second,
      Object.keys(exported).map((f) => path.join(root, 'out1', f)),
      { backupDir: root, now: NOW },
    );
    exportRecordFiles(second, allIncidentIds(second), { outDir: path.join(root, 'out2'), now: NOW });

    expect(Object.keys(exported)).toHaveLength(41);
    expect(readAll(path.join(root, 'out2'))).toEqual(exported);
    // And the seed's file as committed is already in canonical form.
    expect(exported[path.basename(SEED_FILE)]).toBe(fs.readFileSync(SEED_FILE, 'utf8'));
  });

  it('keeps offsets as written and strings that look like numbers or booleans as strings', async () => {
    const incident = incidentSchema.parse({
      id: 'x',
      title: 'yes',
      severity: '1',
      services: ['true', '0x1F', 'null'],
      times: { started: '2026-01-05T18:00:00+01:00' },
      evidence: { commits: [{ hash: '1234567', subject: 'on' }] },
    });
    const text = serializeIncident(incident);
    const root = tempDir();
    writeTree(root, { 'x.yaml': text });
    const db = openDatabase(path.join(root, 'db'), { create: true });
    await importRecordFiles(db, [path.join(root, 'x.yaml')], { backupDir: root, now: NOW });
    expect(loadIncident(db, 'x')).toEqual(incident);
    expect(text).toContain('started: 2026-01-05T18:00:00+01:00');
    expect(text).toContain("severity: '1'");
    expect(text).toContain("- 'true'");
  });
});
