import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JS generator shared with the benchmarks
import { generateIncident, makeRandom } from '../../bench/generate.js';
import { iterateIncidents, loadIncident, saveIncident } from '../../src/db/incidentStore.js';
import { openDatabase } from '../../src/db/open.js';
import { type Incident, incidentSchema } from '../../src/record/schema.js';
import { seedIncident } from '../helpers/records.js';
import { tempDir } from '../helpers/temp.js';

describe('incident store', () => {
  it('saves and loads whole records exactly, one by one or all in one pass', () => {
    const db = openDatabase(path.join(tempDir(), 'pm.db'), { create: true });
    const random = makeRandom(3);
    const incidents: Incident[] = [seedIncident(), ...Array.from({ length: 30 }, (_, i) => incidentSchema.parse(generateIncident(i, random)))];
    db.transaction(() => {
      for (const incident of incidents) saveIncident(db, incident);
    })();
    for (const incident of incidents) expect(loadIncident(db, incident.id)).toEqual(incident);
    const sorted = [...incidents].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect([...iterateIncidents(db)]).toEqual(sorted);
  });

  it('replaces a record on save, leaving no rows of the old version', () => {
    const db = openDatabase(path.join(tempDir(), 'pm.db'), { create: true });
    const seed = seedIncident();
    db.transaction(() => saveIncident(db, seed))();
    const smaller = { ...seed, actions: seed.actions.slice(0, 2), evidence: { ...seed.evidence, checks: [] } };
    db.transaction(() => saveIncident(db, smaller))();
    expect(loadIncident(db, seed.id)).toEqual(smaller);
    expect(db.prepare('SELECT count(*) FROM endpoint_checks').pluck().get()).toBe(0);
  });
});
