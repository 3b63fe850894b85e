import fs from 'node:fs';
import path from 'node:path';
import { saveIncident } from '../../src/db/incidentStore.js';
import { openDatabase } from '../../src/db/open.js';
import type { Incident } from '../../src/record/schema.js';
import { CONFIG_FILE, initWorkspace } from '../../src/workspace.js';
import { makeIncident } from '../helpers/records.js';
import { tempDir } from '../helpers/temp.js';

/** A workspace (as `postmortem init` makes it) whose database holds `incidents`; extra config lines are appended. */
export function seededWorkspace(incidents: Incident[], config = ''): string {
  const cwd = tempDir();
  initWorkspace(cwd);
  if (config) {
    const file = path.join(cwd, CONFIG_FILE);
    // A setting given here replaces the default line `init` wrote.
    const keys = [...config.matchAll(/^(\w+):/gm)].map((m) => m[1]);
    const kept = fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => !keys.some((key) => line.startsWith(`${key}:`)));
    fs.writeFileSync(file, `${kept.join('\n')}\n${config}`);
  }
  const db = openDatabase(path.join(cwd, '.postmortem', 'postmortem.db'), { create: true });
  try {
    db.transaction(() => {
      for (const incident of incidents) saveIncident(db, incident);
    }).immediate();
  } finally {
    db.close();
  }
  return cwd;
}

/**
 * Three realistic incidents with action items in every state. With the clock at
 * 2026-02-01 (UTC) the overdue items are checkout#1 (due 01-20), login#1 (due
 * 01-31) and billing#2 (due 2025-12-15); login#2 is due that very day, so not overdue.
 */
export function actionIncidents(): Incident[] {
  return [
    makeIncident({
      id: '2026-01-05-checkout-502s',
      title: 'Checkout API returned 502s',
      services: ['checkout'],
      times: { started: '2026-01-05T17:00:00+01:00', detected: '2026-01-05T17:10:00+01:00', resolved: '2026-01-05T18:00:00+01:00' },
      timeline: [],
      actions: [
        { id: 1, text: 'Add a readiness probe for the pool', owner: 'alice', due: '2026-01-20', priority: 'high', created_at: '2026-01-06T10:00:00Z' },
        { id: 2, text: 'Load-test the new pool size', owner: 'bob', due: '2026-03-01', status: 'in-progress', created_at: '2026-01-06T10:00:00Z' },
        { id: 3, text: 'Write the runbook', kind: 'process', created_at: '2026-01-06T10:00:00Z' },
        {
          id: 4,
          text: 'Roll back the pool change',
          owner: 'alice',
          status: 'done',
          kind: 'mitigate',
          created_at: '2026-01-05T18:00:00Z',
          closed_at: '2026-01-07T09:00:00Z',
        },
      ],
    }),
    makeIncident({
      id: '2026-01-12-login-outage',
      title: 'Login outage',
      services: ['auth'],
      times: { started: '2026-01-12T08:00:00Z', detected: '2026-01-12T08:20:00Z', resolved: '2026-01-12T09:00:00Z' },
      timeline: [],
      actions: [
        { id: 1, text: 'Alert on certificate expiry', owner: 'Carol', due: '2026-01-31', kind: 'detect', created_at: '2026-01-12T12:00:00Z' },
        { id: 2, text: 'Rotate certificates automatically', owner: 'carol', due: '2026-02-01', created_at: '2026-01-12T12:00:00Z' },
        { id: 3, text: 'Buy a longer certificate', status: 'wont-do', priority: 'low', created_at: '2026-01-12T12:00:00Z', closed_at: '2026-01-13T12:00:00Z' },
      ],
    }),
    makeIncident({
      id: '2025-11-03-billing-delay',
      title: 'Invoices were late, "again"',
      services: ['billing', 'checkout'],
      times: { started: '2025-11-03T09:00:00Z', detected: '2025-11-03T10:00:00Z', resolved: '2025-11-03T15:00:00Z' },
      timeline: [],
      actions: [
        {
          id: 1,
          text: 'Retry, then alert: "invoice job failed", with the id\nand the queue depth',
          owner: '=HYPERLINK("http://evil")',
          due: '2025-12-01',
          status: 'done',
          created_at: '2025-11-04T09:00:00Z',
          closed_at: '2025-11-20T09:00:00Z',
        },
        { id: 2, text: '-Document the billing queue', owner: 'alice', due: '2025-12-15', priority: 'low', created_at: '2025-11-04T09:00:00Z' },
      ],
    }),
  ];
}

export const NOW = { POSTMORTEM_NOW: '2026-02-01T09:00:00Z' };
