import type { SearchRecord } from './searchIndex.js';
import type { SiteIncident } from './types.js';

type RecordType = 'incident' | 'lesson' | 'action item';

/** The search filters of an incident (also used by its lessons and action items). */
export function searchFilters(incident: SiteIncident, type: RecordType): Record<string, string[]> {
  const filters: Record<string, string[]> = { type: [type] };
  if (incident.services.length) filters.service = incident.services;
  if (incident.severity) filters.severity = [incident.severity];
  if (incident.year) filters.year = [incident.year];
  return filters;
}

/**
 * Lessons and action items as search records, pointing at their anchor on
 * the incident page. The same text learnt in several incidents is one record
 * (linking to the newest, its filters the union of theirs): every record adds
 * to what the first search downloads, and teams repeat their lessons.
 * `incidents` come newest first.
 */
export function searchRecords(incidents: readonly SiteIncident[]): SearchRecord[] {
  const records = new Map<string, SearchRecord & { count: number }>();
  const add = (type: RecordType, incident: SiteIncident, anchor: string, text: string, extra: string) => {
    const key = `${type}\0${text.replace(/\s+/g, ' ').trim().toLowerCase()}`;
    const filters = searchFilters(incident, type);
    const known = records.get(key);
    if (!known) {
      const label = type === 'lesson' ? 'Lesson' : 'Action item';
      records.set(key, {
        url: `/incidents/${incident.id}/#${anchor}`,
        title: `${label}: ${shorten(text)}`,
        content: `${text} ${extra}`.trim(),
        filters,
        count: 1,
      });
      return;
    }
    known.count += 1;
    for (const [name, values] of Object.entries(filters)) known.filters[name] = [...new Set([...(known.filters[name] ?? []), ...values])];
  };
  for (const incident of incidents) {
    for (const lesson of incident.lessons) add('lesson', incident, `lesson-${lesson.n}`, lesson.text, lesson.tags.join(' '));
    for (const action of incident.actions)
      add('action item', incident, `action-${action.n}`, action.text, `(${action.status}${action.owner ? `, owner ${action.owner}` : ''})`);
  }
  return [...records.values()].map(({ count, ...record }) => (count > 1 ? { ...record, content: `${record.content} (in ${count} incidents)` } : record));
}

function shorten(text: string, max = 90): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line;
}
