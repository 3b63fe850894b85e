import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type Incident, incidentSchema } from '../../src/record/schema.js';
import { readTemplateManifest } from '../../src/render/manifest.js';
import { builtinNames, loadTemplate, renderIncident } from '../../src/render/render.js';
import { buildTemplateContext } from '../../src/render/viewModel.js';
import { golden } from '../helpers/golden.js';
import { makeIncident, seedIncident } from '../helpers/records.js';

/**
 * The sre, stakeholder and action-review templates against golden files in
 * test/golden/. Regenerate after an intended change with
 * `UPDATE_GOLDEN=1 npx vitest run test/render/templates.test.ts` and review the diff.
 */
const NOW = new Date('2026-01-20T09:00:00Z');

/** Items with and without owners, past and future due dates, closed ones, and cells holding pipes. */
function followUps(): Incident {
  return makeIncident({
    title: 'Login outage | certificate',
    times: { started: '2026-02-01T10:00:00+01:00', detected: '2026-02-01T10:05:00+01:00', resolved: '2026-02-01T10:45:00+01:00' },
    lessons: [
      { text: 'Paging worked within five minutes', category: 'went-well' },
      { text: 'The certificate expiry had no alert', category: 'went-wrong' },
      { text: 'It expired on a quiet Sunday', category: 'lucky' },
      { text: 'Runbooks need owners' },
      { text: 'Rotate early', category: 'What went well' },
    ],
    sections: [{ heading: 'Detection', body: 'A synthetic login check paged the on-call engineer.', after: 'impact' }],
    actions: [
      { id: 1, text: 'Monitor certificate expiry', owner: 'alice', due: '2026-02-10', priority: 'high' },
      { id: 2, text: 'Rotate | renew the cert', owner: 'bob|ops', due: '2026-01-10', status: 'in-progress', tracker: 'OPS-12' },
      { id: 3, text: 'Write the runbook', owner: 'alice', due: '2026-01-15', priority: 'low' },
      { id: 4, text: 'Decide who owns TLS' },
      { id: 5, text: 'Add a dashboard', owner: 'carol', due: '2026-01-20' },
      { id: 6, text: 'Old item', owner: 'alice', status: 'done' },
      { id: 7, text: 'Dropped idea', status: 'wont-do' },
    ],
  });
}

function ongoing(): Incident {
  return incidentSchema.parse({
    id: '2026-01-20-checkout-errors',
    title: 'Checkout returns 502',
    severity: 'SEV2',
    services: ['checkout', 'payments'],
    times: { started: '2026-01-20T08:10:00Z', detected: '2026-01-20T08:15:00Z' },
    summary: 'Checkout requests fail intermittently with 502 from the gateway:\n\n- about 30% of requests',
    timeline: [
      { time: '2026-01-20T08:15:00Z', text: 'Error-rate alert fired', kind: 'detected' },
      { time: '2026-01-20T08:40:00Z', text: 'Rolling back the gateway to 2.3.1', kind: 'change' },
    ],
  });
}

describe('built-in templates', () => {
  it('ships default, sre, stakeholder and action-review, each with a description and required sections', () => {
    expect(builtinNames()).toEqual(['action-review', 'default', 'sre', 'stakeholder']);
    for (const name of builtinNames()) {
      const manifest = readTemplateManifest(loadTemplate(name).file);
      expect(manifest.description, name).toMatch(/^\S.{10,120}$/);
      expect(manifest.requiredSections.length, name).toBeGreaterThan(0);
    }
  });

  const cases: Array<[string, string, () => Incident]> = [
    ['sre', 'sre-seed', seedIncident],
    ['sre', 'sre-follow-ups', followUps],
    ['stakeholder', 'stakeholder-seed', seedIncident],
    ['stakeholder', 'stakeholder-ongoing', ongoing],
    ['action-review', 'action-review-seed', seedIncident],
    ['action-review', 'action-review-follow-ups', followUps],
  ];
  it.each(cases)('%s matches test/golden/%s.md', (template, name, make) => {
    const markdown = renderIncident(make(), { template, now: NOW });
    golden(name, markdown);
    expect(markdown.endsWith('\n')).toBe(true);
    expect(markdown).not.toMatch(/\n\n\n/);
  });

  it('sre: lessons by outcome, uncategorised and other categories as a plain list first', () => {
    const view = buildTemplateContext(followUps());
    expect(view.outcomes).toEqual({
      wentWell: ['Paging worked within five minutes', 'Rotate early'],
      wentWrong: ['The certificate expiry had no alert'],
      lucky: ['It expired on a quiet Sunday'],
      other: ['Runbooks need owners'],
    });
    expect(buildTemplateContext(seedIncident()).outcomes?.other[0]).toBe('**Problem:** Non-idempotent migrations cause production crashes');
  });

  it('sre: a detection section is shown under Detection, not again among the supporting sections', () => {
    const view = buildTemplateContext(followUps());
    expect(view.detection?.text).toBe('A synthetic login check paged the on-call engineer.');
    expect(view.supporting).toEqual([]);
    const markdown = renderIncident(followUps(), { template: 'sre' });
    expect(markdown.match(/synthetic login check/g)).toHaveLength(1);
  });

  it('action-review: overdue first, grouped by owner, pipes escaped in cells', () => {
    const review = buildTemplateContext(followUps(), { now: NOW }).review;
    expect(review.summary).toBe('5 open action items: 2 overdue, 1 due within 7 days, 1 without a due date.');
    expect(review.owners.map((group) => [group.owner, group.summary])).toEqual([
      ['bob|ops', '1 open, 1 overdue'],
      ['alice', '2 open, 1 overdue'],
      ['carol', '1 open'],
      ['Unassigned', '1 open'],
    ]);
    expect(review.owners[0]?.rows[0]).toEqual({
      due: '**2026-01-10** (overdue by 10 days)',
      item: 'Rotate \\| renew the cert',
      priority: 'Medium',
      status: 'In progress',
      tracker: 'OPS-12',
    });
    expect(review.owners[2]?.rows[0]?.due).toBe('2026-01-20 (today)');
    expect(review.closed).toBe("2 items done or won't do are not shown.");
  });

  it('action-review: without a clock nothing is overdue and no date is shown', () => {
    const review = buildTemplateContext(followUps()).review;
    expect(review.asOf).toBeNull();
    expect(review.summary).toBe('5 open action items: 1 without a due date.');
    expect(review.owners[0]?.rows[0]?.due).toBe('2026-01-10');
  });

  it('action-review: "today" is the day in the workspace zone, as in `action list`', () => {
    // 23:30 UTC on January 19 is already January 20 in Tokyo.
    const lateEvening = new Date('2026-01-19T23:30:00Z');
    const utc = buildTemplateContext(followUps(), { now: lateEvening }).review;
    expect(utc.asOf).toBe('January 19, 2026');
    expect(utc.owners.find((group) => group.owner === 'carol')?.rows[0]?.due).toBe('2026-01-20 (in 1 day)');
    const tokyo = buildTemplateContext(followUps(), { now: lateEvening, zone: 'Asia/Tokyo' }).review;
    expect(tokyo.asOf).toBe('January 20, 2026');
    expect(tokyo.owners.find((group) => group.owner === 'carol')?.rows[0]?.due).toBe('2026-01-20 (today)');
  });

  it('stakeholder: an ongoing incident says how long it has lasted and when the next update is', () => {
    const update = buildTemplateContext(ongoing(), { now: NOW }).update;
    expect(update.headline).toBe('**[Investigating] Checkout returns 502** (SEV2)');
    expect(update.duration).toBe('ongoing for 50 min (since 08:10 UTC)');
    expect(update.currentState).toBe('Investigating: Rolling back the gateway to 2.3.1 (08:40 UTC)');
    expect(update.nextUpdate).toBe('By 2026-01-20 09:30 UTC');
    expect(update.impact).toBe('`checkout`, `payments` affected.');
  });

  it('the default template does not change with the new view keys', () => {
    const golden = fs.readFileSync(fileURLToPath(new URL('../golden/seed.md', import.meta.url)), 'utf8');
    expect(renderIncident(seedIncident(), { now: NOW })).toBe(golden);
  });
});
