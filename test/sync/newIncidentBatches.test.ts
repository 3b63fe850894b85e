import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JS generator shared with the benchmarks
import { generateIncident, makeRandom } from '../../bench/generate.js';
import type { Db } from '../../src/db/open.js';
import { openDatabase } from '../../src/db/open.js';
import { serializeIncident } from '../../src/record/fileForm.js';
import { incidentSchema } from '../../src/record/schema.js';
import { importRecordFiles } from '../../src/sync/importRecords.js';
import { tempDir } from '../helpers/temp.js';

const NOW = '2026-01-06T09:00:00Z';

/** Every row of every table (the full-text index through its own rows), in a stable order. */
function contents(db: Db): Record<string, unknown[]> {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'search_fts%' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  const out: Record<string, unknown[]> = {};
  for (const table of tables) out[table] = db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2, 3`).raw().all();
  out.search_fts = db.prepare('SELECT rowid, * FROM search_fts ORDER BY rowid').raw().all();
  return out;
}

describe('importing many new incidents', () => {
  it('writes the same rows in batches as one file at a time, around updates of stored incidents', async () => {
    const root = tempDir();
    const random = makeRandom(5);
    const files: string[] = [];
    for (let i = 0; i < 300; i++) {
      const incident = incidentSchema.parse(generateIncident(i, random));
      const file = path.join(root, 'records', `${String(i).padStart(4, '0')}.yaml`);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, serializeIncident(incident));
      files.push(file);
    }
    const open = (name: string) => openDatabase(path.join(root, name), { create: true });
    const options = { backupDir: path.join(root, 'backups'), now: NOW };
    const batched = open('batched.db');
    const oneByOne = open('one-by-one.db');
    // Both hold the first 60 incidents; then one of those changes on disk.
    await importRecordFiles(batched, files.slice(0, 60), options);
    for (const file of files.slice(0, 60)) await importRecordFiles(oneByOne, [file], options);
    const changed = files[30] as string;
    fs.writeFileSync(changed, fs.readFileSync(changed, 'utf8').replace(/^title: .*$/m, 'title: Changed on disk'));

    const result = await importRecordFiles(batched, files, options);
    for (const file of files) await importRecordFiles(oneByOne, [file], options);

    expect(result.files.filter((f) => f.outcome === 'created')).toHaveLength(240);
    expect(result.files.filter((f) => f.outcome === 'updated').map((f) => f.file)).toEqual([changed]);
    expect(contents(batched)).toStrictEqual(contents(oneByOne));
  });
});
