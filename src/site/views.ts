import type { SiteAction, SiteIncident } from './types.js';

/**
 * What the site's list pages show, computed from the incidents (pure, so the
 * Astro pages only loop over the results).
 */

/** A URL-safe path segment for a facet value or a group: "checkout-api", "sev1". */
export function slugOf(value: string): string {
  const slug = value
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || `x${[...value].reduce((hash, c) => (hash * 31 + (c.codePointAt(0) ?? 0)) >>> 0, 7).toString(36)}`;
}

/** Slugs for a list of distinct values, made unique ("api", "api-2") so no two pages share a path. */
export function uniqueSlugs(values: readonly string[]): Map<string, string> {
  const used = new Set<string>();
  const result = new Map<string, string>();
  for (const value of values) {
    const base = slugOf(value);
    let slug = base;
    for (let n = 2; used.has(slug); n++) slug = `${base}-${n}`;
    used.add(slug);
    result.set(value, slug);
  }
  return result;
}

/** Newest first (by start), undated last, then by id. */
export function byNewest(a: SiteIncident, b: SiteIncident): number {
  if (a.startedMs !== b.startedMs) {
    if (a.startedMs === null) return 1;
    if (b.startedMs === null) return -1;
    return b.startedMs - a.startedMs;
  }
  return a.id.localeCompare(b.id);
}

export const FACETS = ['service', 'severity', 'status', 'year', 'tag'] as const;
export type Facet = (typeof FACETS)[number];
export const FACET_LABELS: Record<Facet, string> = { service: 'Service', severity: 'Severity', status: 'Status', year: 'Year', tag: 'Tag' };

/** The values an incident has for a facet. */
export function valuesOf(incident: SiteIncident, facet: Facet): string[] {
  switch (facet) {
    case 'service':
      return incident.services;
    case 'severity':
      return incident.severity ? [incident.severity] : [];
    case 'status':
      return [incident.status];
    case 'year':
      return incident.year ? [incident.year] : [];
    case 'tag':
      return incident.tags;
  }
}

export interface FacetValue {
  value: string;
  slug: string;
  count: number;
}

export interface FacetPage {
  facet: Facet;
  value: string;
  slug: string;
  incidents: SiteIncident[];
}

/** Every facet's values with counts (years newest first, others by name) and one page per value. */
export function facetIndex(incidents: readonly SiteIncident[]): { values: Record<Facet, FacetValue[]>; pages: FacetPage[] } {
  const sorted = [...incidents].sort(byNewest);
  const values = {} as Record<Facet, FacetValue[]>;
  const pages: FacetPage[] = [];
  for (const facet of FACETS) {
    const groups = groupBy(sorted, (incident) => valuesOf(incident, facet));
    const slugs = uniqueSlugs([...groups.keys()].sort());
    const list = [...groups.entries()].map(([value, members]) => ({ value, slug: slugs.get(value) ?? slugOf(value), incidents: members }));
    list.sort((a, b) => (facet === 'year' ? b.value.localeCompare(a.value) : a.value.localeCompare(b.value)));
    values[facet] = list.map(({ value, slug, incidents }) => ({ value, slug, count: incidents.length }));
    for (const { value, slug, incidents } of list) pages.push({ facet, value, slug, incidents });
  }
  return { values, pages };
}

export interface TrendMonth {
  month: string;
  /** "Jan" (with the year on January and on the first bar: "Jan 2026"). */
  label: string;
  count: number;
  /** Median time to recover in minutes, null when no incident of the month has one. */
  medianRecover: number | null;
}

/** Incidents per month and median time to recover, for the last `months` months that end at the newest incident. */
export function trend(incidents: readonly SiteIncident[], months = 12): TrendMonth[] {
  const byMonth = groupBy(incidents, (i) => (i.month ? [i.month] : []));
  const latest = [...byMonth.keys()].sort().pop();
  if (!latest) return [];
  const names = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const [year, month] = latest.split('-').map(Number) as [number, number];
  const result: TrendMonth[] = [];
  for (let k = months - 1; k >= 0; k--) {
    const date = new Date(Date.UTC(year, month - 1 - k, 1));
    const key = date.toISOString().slice(0, 7);
    const members = byMonth.get(key) ?? [];
    const recover = members.map((i) => i.recoverMinutes).filter((m): m is number => m !== null);
    const name = names[date.getUTCMonth()] ?? '';
    result.push({
      month: key,
      label: date.getUTCMonth() === 0 || k === months - 1 ? `${name} ${date.getUTCFullYear()}` : name,
      count: members.length,
      medianRecover: median(recover),
    });
  }
  return result;
}

export interface ActionRef extends SiteAction {
  incidentId: string;
  incidentTitle: string;
  services: string[];
  overdue: boolean;
}

export interface BoardColumn {
  status: SiteAction['status'];
  label: string;
  items: ActionRef[];
  /** All items of this status (`items` may be capped). */
  total: number;
}

const STATUS_COLUMNS: Array<[SiteAction['status'], string]> = [
  ['open', 'Open'],
  ['in-progress', 'In progress'],
  ['done', 'Done'],
  ['wont-do', "Won't do"],
];

/** Every action item with its incident; overdue when open or in progress and due before `today` (YYYY-MM-DD). */
export function actionRefs(incidents: readonly SiteIncident[], today: string): ActionRef[] {
  const refs: ActionRef[] = [];
  for (const incident of incidents) {
    for (const action of incident.actions) {
      const pending = action.status === 'open' || action.status === 'in-progress';
      refs.push({
        ...action,
        incidentId: incident.id,
        incidentTitle: incident.title,
        services: incident.services,
        overdue: pending && action.due !== null && action.due < today,
      });
    }
  }
  return refs.sort(byUrgency);
}

/** Overdue first, then by due date (undated last), then high priority first. */
function byUrgency(a: ActionRef, b: ActionRef): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  if (a.due !== b.due) return a.due === null ? 1 : b.due === null ? -1 : a.due.localeCompare(b.due);
  const rank = { high: 0, medium: 1, low: 2 };
  return rank[a.priority] - rank[b.priority] || a.incidentId.localeCompare(b.incidentId) || a.n - b.n;
}

/** The prevention board: one column per status, at most `limit` items each. */
export function board(actions: readonly ActionRef[], limit = Number.POSITIVE_INFINITY): BoardColumn[] {
  return STATUS_COLUMNS.map(([status, label]) => {
    const all = actions.filter((a) => a.status === status);
    return { status, label, items: all.slice(0, limit), total: all.length };
  });
}

export interface ActionGroup {
  facet: 'owner' | 'service';
  value: string;
  slug: string;
  actions: ActionRef[];
}

/** Action items grouped by owner and by service (one board page each). */
export function actionGroups(actions: readonly ActionRef[]): ActionGroup[] {
  const result: ActionGroup[] = [];
  for (const facet of ['owner', 'service'] as const) {
    const groups = groupBy(actions, (a) => (facet === 'owner' ? [a.owner ?? 'unassigned'] : a.services));
    const slugs = uniqueSlugs([...groups.keys()].sort());
    for (const [value, members] of [...groups.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      result.push({ facet, value, slug: slugs.get(value) ?? slugOf(value), actions: members });
    }
  }
  return result;
}

export interface LessonRef {
  incidentId: string;
  incidentTitle: string;
  n: number;
  text: string;
  category: string | null;
  started: string | null;
}

export interface LessonGroup {
  by: 'tag' | 'service';
  key: string;
  slug: string;
  lessons: LessonRef[];
}

/**
 * Lessons grouped by tag (the lesson's own tags, else its incident's, else
 * "untagged") and by service, newest incident first within a group.
 */
export function lessonGroups(incidents: readonly SiteIncident[]): LessonGroup[] {
  const refs: Array<LessonRef & { tags: string[]; services: string[] }> = [];
  for (const incident of [...incidents].sort(byNewest)) {
    for (const lesson of incident.lessons) {
      refs.push({
        incidentId: incident.id,
        incidentTitle: incident.title,
        n: lesson.n,
        text: lesson.text,
        category: lesson.category,
        started: incident.startedLabel,
        tags: lesson.tags.length ? lesson.tags : incident.tags.length ? incident.tags : ['untagged'],
        services: incident.services.length ? incident.services : ['no service'],
      });
    }
  }
  const result: LessonGroup[] = [];
  for (const by of ['tag', 'service'] as const) {
    const groups = groupBy(refs, (r) => (by === 'tag' ? r.tags : r.services));
    const slugs = uniqueSlugs([...groups.keys()].sort());
    for (const [key, members] of [...groups.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      result.push({ by, key, slug: slugs.get(key) ?? slugOf(key), lessons: members.map(({ tags: _t, services: _s, ...lesson }) => lesson) });
    }
  }
  return result;
}

function groupBy<T>(items: readonly T[], keys: (item: T) => readonly string[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    for (const key of new Set(keys(item))) {
      const list = groups.get(key);
      if (list) list.push(item);
      else groups.set(key, [item]);
    }
  }
  return groups;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : Math.round(((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2);
}
