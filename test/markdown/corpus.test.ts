import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseMarkdownPostmortem } from '../../src/markdown/index.js';
import { incidentSchema } from '../../src/record/schema.js';

/**
 * The DFDS Cloud Engineering postmortems (MIT, see test/fixtures/dfds/LICENSE):
 * 39 real reports plus their template, imported file by file.
 */
const DIR = fileURLToPath(new URL('../fixtures/dfds/', import.meta.url));
const TEMPLATE = 'PMyyyy-nnn - Postmortem template.md';
const files = readdirSync(DIR)
  .filter((name) => name.startsWith('PM') && name !== TEMPLATE)
  .sort();
const imports = files.map((name) => {
  const text = readFileSync(DIR + name, 'utf8');
  return { name, text, ...parseMarkdownPostmortem(text, { fileName: name }) };
});

/** What a reader would find in the file, by a check independent of the parser. */
function has(text: string, heading: RegExp, item: RegExp): boolean {
  const match = heading.exec(text);
  if (!match) return false;
  const rest = text.slice(match.index + match[0].length);
  const next = /^#{1,6} /m.exec(rest);
  return item.test(next ? rest.slice(0, next.index) : rest);
}
const TIMELINE_ROW = /^\|\s*\d{4}-\d{2}-\d{2}/m;
const LIST_ITEM = /^\s*[-*] +\S/m;

describe('dfds corpus', () => {
  it('has the 39 postmortems, one without a .md extension', () => {
    expect(files).toHaveLength(39);
    expect(files.filter((name) => !name.endsWith('.md'))).toEqual(['PM2022-009 - Bad AWS EKS AMI causing Kubernetes issues']);
  });

  it.each(imports.map((entry) => [entry.name, entry] as const))('%s imports to a valid record', (_name, entry) => {
    const parsed = incidentSchema.safeParse(entry.record);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    const h1 = /^# (.+)$/m.exec(entry.text)?.[1]?.trim();
    expect(entry.record.title).toBe(h1);
    if (TIMELINE_ROW.test(entry.text)) {
      expect(entry.record.id).toMatch(/^\d{4}-\d{2}-\d{2}-/);
      expect(entry.record.timeline?.length).toBeGreaterThan(0);
    }
    if (has(entry.text, /^## Action Items/m, LIST_ITEM)) expect(entry.record.actions?.length).toBeGreaterThan(0);
    if (has(entry.text, /^## Contributing Factors/m, LIST_ITEM)) expect(entry.record.factors?.length).toBeGreaterThan(0);
    if (has(entry.text, /^## Lessons Learned/m, LIST_ITEM)) expect(entry.record.lessons?.length).toBeGreaterThan(0);
    // Nothing is lost: every heading is either recognised or kept as a section.
    expect(entry.report.recognised.length + entry.report.keptAsIs.length).toBeGreaterThan(0);
  });

  it('gives each file its own deterministic id', () => {
    const ids = imports.map((entry) => entry.record.id);
    expect(new Set(ids).size).toBe(ids.length);
    const again = imports.map((entry) => parseMarkdownPostmortem(entry.text, { fileName: entry.name }).record.id);
    expect(again).toEqual(ids);
  });

  it('reads a CET column title as +01:00 and keeps unreadable rows as written', () => {
    const ip = imports.find((entry) => entry.name.startsWith('PM2019-009'));
    expect(ip?.record.timeline?.[0]).toEqual({
      time: '2019-11-29T12:00:00+01:00',
      text: 'Proactively scaling up Hellman Kubernetes cluster from 7 to 10 nodes, to ensure sufficient capacity for team migrations',
      kind: 'note',
      source: 'manual',
    });
    const adsync = imports.find((entry) => entry.name.startsWith('PM2020-003'));
    expect(adsync?.record.timeline).toEqual([]);
    expect(adsync?.report.keptAsIs).toContain('Timeline');
    expect(adsync?.record.sections?.find((section) => section.heading === 'Timeline')?.body).toContain('20202-01-16 12:00');
  });

  it('turns the template into an empty record, keeping its sample timeline', () => {
    const text = readFileSync(DIR + TEMPLATE, 'utf8');
    const { record, report } = parseMarkdownPostmortem(text, { fileName: TEMPLATE });
    expect(incidentSchema.safeParse(record).success).toBe(true);
    expect(record.id).toBe('incident-title');
    expect([record.timeline, record.actions, record.factors, record.lessons]).toEqual([[], [], [], []]);
    expect(report.keptAsIs).toEqual(['Timeline', 'Attendees']);
  });

  it('reports coverage', () => {
    const count = (test: (entry: (typeof imports)[number]) => boolean) => imports.filter(test).length;
    const total = imports.length;
    const lines = [
      `title found in ${count((entry) => entry.report.recognised.some((item) => item.startsWith('title (h1)')))} of ${total}`,
      `date found in ${count((entry) => /^\d{4}-\d{2}-\d{2}-/.test(entry.record.id))} of ${total}`,
      `summary found in ${count((entry) => Boolean(entry.record.summary))} of ${total}`,
      `timeline found in ${count((entry) => (entry.record.timeline?.length ?? 0) > 0)} of ${total} (${imports.reduce((sum, entry) => sum + (entry.record.timeline?.length ?? 0), 0)} events)`,
      `factors found in ${count((entry) => (entry.record.factors?.length ?? 0) > 0)} of ${total}`,
      `actions found in ${count((entry) => (entry.record.actions?.length ?? 0) > 0)} of ${total}`,
      `lessons found in ${count((entry) => (entry.record.lessons?.length ?? 0) > 0)} of ${total}`,
      `metrics found in ${count((entry) => (entry.record.metrics?.length ?? 0) > 0)} of ${total}`,
      `files with kept sections: ${count((entry) => entry.report.keptAsIs.length > 0)} of ${total}; files with warnings: ${count((entry) => entry.report.warnings.length > 0)}`,
    ];
    console.log(lines.join('\n'));
    expect(count((entry) => (entry.record.timeline?.length ?? 0) > 0)).toBeGreaterThanOrEqual(total - 1);
  });
});
