import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseIncidentFile } from '../../src/record/fileForm.js';
import { type Incident, type IncidentInput, incidentSchema } from '../../src/record/schema.js';

export const SEED_FILE = fileURLToPath(new URL('../../incidents/2026-01-05-migration-0021-duplicate-table.yaml', import.meta.url));

/** The bundled example incident. */
export function seedIncident(): Incident {
  return parseIncidentFile(fs.readFileSync(SEED_FILE, 'utf8'), SEED_FILE);
}

/** A small valid incident, with overrides. */
export function makeIncident(overrides: Partial<IncidentInput> = {}): Incident {
  return incidentSchema.parse({
    id: '2026-02-01-login-outage',
    title: 'Login outage',
    status: 'draft',
    severity: 'SEV2',
    services: ['auth'],
    times: { started: '2026-02-01T10:00:00+01:00', detected: '2026-02-01T10:05:00+01:00', resolved: '2026-02-01T10:45:00+01:00' },
    summary: 'Logins failed for 45 minutes.',
    factors: [{ text: 'Expired certificate', tags: ['tls'] }],
    timeline: [{ time: '2026-02-01T10:05:00+01:00', text: 'Alert fired', kind: 'detected' }],
    actions: [{ id: 1, text: 'Monitor certificate expiry', owner: 'alice', due: '2026-03-01' }],
    created_at: '2026-02-01T12:00:00Z',
    updated_at: '2026-02-01T12:00:00Z',
    ...overrides,
  });
}
