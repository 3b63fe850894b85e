import { deriveDurations } from '../record/durations.js';
import type { EndpointCheck, Incident } from '../record/schema.js';
import { epochOf, formatDuration } from '../record/time.js';
import type { SiteCheck, SiteIncident, SiteIncidentDetail, SiteSimilar, SiteTimelineEvent } from './types.js';

export interface SiteIncidentParts {
  /** The sanitised HTML of the rendered postmortem. */
  html: string;
  /** Key under which the detail is stored (see `SiteIncident.detail`). */
  detailKey?: string;
  /** "Seen before" links, best first (empty when unknown). */
  similar?: SiteSimilar[];
}

/**
 * The site's view of one incident (pure). `incident` is the record as a
 * postmortem presents it (`withDerivedFacts`: effective times, merged timeline).
 */
export function toSiteIncident(incident: Incident, parts: SiteIncidentParts): { entry: SiteIncident; detail: SiteIncidentDetail } {
  const started = incident.times.started;
  const startedMs = started ? epochOf(started) : null;
  const iso = startedMs === null ? null : new Date(startedMs).toISOString();
  const durations = deriveDurations(incident.times);
  const downtime = durations.downtime ?? durations.timeToRecover;
  const detail: SiteIncidentDetail = {
    html: markUnsearched(nestHeadings(parts.html)),
    timeline: timeline(incident),
    checks: incident.evidence.checks.map(check),
    commits: incident.evidence.commits.map((c) => ({
      hash: c.hash.slice(0, 7),
      subject: c.subject,
      author: c.author,
      time: c.committed_at ?? c.authored_at,
      fix: c.fix,
      files: c.files.map((f) => `${f.path} (+${f.insertions} −${f.deletions})`),
    })),
    fingerprints: incident.evidence.logs
      .filter((e) => e.fingerprint)
      .map((e) => ({ fingerprint: e.fingerprint as string, message: e.message, level: e.level, source: e.source, count: e.count })),
  };
  const entry: SiteIncident = {
    id: incident.id,
    title: incident.title,
    status: incident.status,
    severity: incident.severity,
    services: incident.services,
    tags: incident.tags,
    environment: incident.environment,
    authors: incident.authors,
    started,
    startedLabel: iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : null,
    startedMs,
    year: iso ? iso.slice(0, 4) : null,
    month: iso ? iso.slice(0, 7) : null,
    downtime: downtime === null ? null : formatDuration(downtime),
    recoverMinutes: durations.timeToRecover === null ? null : Math.round(durations.timeToRecover / 60_000),
    excerpt: excerpt(incident.summary ?? incident.impact ?? ''),
    detail: parts.detailKey ?? incident.id,
    lessons: incident.lessons.map((l, i) => ({ n: i + 1, text: l.text, category: l.category, tags: l.tags })),
    actions: incident.actions.map((a, i) => ({
      n: a.id ?? i + 1,
      text: a.text,
      kind: a.kind,
      owner: a.owner,
      due: a.due,
      priority: a.priority,
      status: a.status,
      tracker: a.tracker,
    })),
    similar: parts.similar ?? [],
  };
  return { entry, detail };
}

function timeline(incident: Incident): SiteTimelineEvent[] {
  const events = incident.timeline;
  const first = events[0];
  if (!first) return [];
  const start = epochOf(first.time);
  const days = new Set(events.map((e) => new Date(epochOf(e.time)).toISOString().slice(0, 10)));
  return events.map((event) => {
    const at = new Date(epochOf(event.time)).toISOString();
    const minutes = Math.round((epochOf(event.time) - start) / 60_000);
    return {
      time: event.time,
      label: days.size === 1 ? at.slice(11, 16) : `${at.slice(0, 10)} ${at.slice(11, 16)}`,
      offset: minutes === 0 ? 'start' : `+${formatDuration(minutes * 60_000)}`,
      kind: event.kind,
      source: event.source,
      text: event.text,
    };
  });
}

function check(c: EndpointCheck): SiteCheck {
  const expected = [c.expect_status, c.expect].filter(Boolean).join(', ');
  const result = c.error ?? c.result ?? (c.status_code === null ? '' : String(c.status_code));
  return { method: c.method, url: c.url, expected: expected || '—', result: result || '—', passed: c.passed, phase: c.phase };
}

/** The first paragraph as plain text: Markdown marks and HTML-looking text kept as characters, never markup. */
export function excerpt(markdown: string, max = 240): string {
  const paragraph = markdown.trim().split(/\n\s*\n/)[0] ?? '';
  const plain = paragraph
    .replace(/^[\s>*+-]+/gm, '')
    .replace(/[*_`#]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > max ? `${plain.slice(0, max - 1).trimEnd()}…` : plain;
}

/**
 * Fits the rendered postmortem under the page's own heading: its leading
 * title heading (the page already shows the title) is dropped and every other
 * heading moves one level down. The HTML is sanitised, so headings carry no attributes.
 */
export function nestHeadings(html: string): string {
  const body = html.replace(/^\s*<h1>[\s\S]*?<\/h1>\s*/, '');
  return body.replace(/<(\/?)h([1-6])>/g, (_match, slash: string, level: string) => `<${slash}h${Math.min(6, Number(level) + 1)}>`);
}

/**
 * Sections of the rendered postmortem (by heading) kept out of the page's search entry:
 * evidence rather than narrative, and the lessons and action items, which the search
 * finds as records of their own linking to the page's anchors (search-records.json):
 * indexed twice they made the incident compete with its own lesson, and they were a
 * fifth of the index's distinct (word, page) pairs, which is what Pagefind's write costs.
 */
const UNSEARCHED_SECTIONS = new Set([
  'timeline',
  'verification results',
  'environment variables verified',
  'warnings (non-blocking)',
  'commit details',
  'deployment process',
  'supporting information',
  'success metrics',
  'lessons learned',
  'prevention',
  'next steps',
  'action items',
]);

/**
 * Keeps bulky evidence out of the search index (the page shows it all): the
 * postmortem's evidence sections (timeline, verification, commit details…), its
 * lessons and action items (searched as their own records), and every code block
 * (log excerpts, diffs) get `data-pagefind-ignore`. The narrative (summary,
 * impact, root cause, resolution, conclusion) stays indexed. Runs on `nestHeadings` output, whose sections start at `<h3>`.
 */
export function markUnsearched(html: string): string {
  const parts = html.split(/(?=<h3>)/);
  return parts
    .map((part) => {
      const heading = /^<h3>([\s\S]*?)<\/h3>/.exec(part)?.[1];
      const name = heading
        ?.replace(/<[^>]+>/g, '')
        .replace(/\s+/g, ' ')
        .trim()
        .toLowerCase();
      if (name && UNSEARCHED_SECTIONS.has(name)) return `<div data-pagefind-ignore>${part}</div>`;
      return part.replace(/<pre>/g, '<pre data-pagefind-ignore>');
    })
    .join('');
}
