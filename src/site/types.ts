import type { ActionItem, IncidentStatus, TimelineEvent } from '../record/schema.js';

/**
 * The data the knowledge-base site shows for one incident: every value
 * precomputed and plain (strings, numbers, arrays), so Astro components only
 * display it. `html` is the only markup, and it is sanitised; everything else
 * is text that the components escape.
 */
export interface SiteIncident {
  id: string;
  title: string;
  status: IncidentStatus;
  severity: string | null;
  services: string[];
  tags: string[];
  environment: string | null;
  authors: string[];
  /** Effective start, as written (ISO 8601 with its offset). */
  started: string | null;
  /** Start in UTC as "2026-01-05 17:00 UTC". */
  startedLabel: string | null;
  /** Epoch milliseconds of the start, for sorting; null when unknown. */
  startedMs: number | null;
  /** "2026", from the start (UTC). */
  year: string | null;
  /** "2026-01", from the start (UTC). */
  month: string | null;
  /** Downtime (started → resolved), formatted, e.g. "16 min". */
  downtime: string | null;
  /** Time to recover (detected → resolved) in minutes. */
  recoverMinutes: number | null;
  /** The summary's first paragraph as plain text (Markdown marks removed), at most 240 characters. */
  excerpt: string;
  /**
   * Key of the incident's detail (`SiteIncidentDetail`: the rendered postmortem,
   * timeline and evidence), kept on disk beside the HTML cache rather than in
   * the collection: Astro bundles the whole collection into its server build, so
   * entries stay small and only the incident's own page reads its detail.
   */
  detail: string;
  lessons: SiteLesson[];
  actions: SiteAction[];
  similar: SiteSimilar[];
}

/** What only the incident's own page shows. */
export interface SiteIncidentDetail {
  /** The rendered postmortem (the CLI's template) as sanitised HTML. */
  html: string;
  timeline: SiteTimelineEvent[];
  checks: SiteCheck[];
  commits: SiteCommit[];
  fingerprints: SiteFingerprint[];
}

export interface SiteTimelineEvent {
  time: string;
  /** "17:05" (UTC) when the incident spans one day, else "2026-01-05 17:05". */
  label: string;
  /** "+14 min" from the first event. */
  offset: string;
  kind: TimelineEvent['kind'];
  source: TimelineEvent['source'];
  text: string;
}

export interface SiteCheck {
  method: string;
  url: string;
  expected: string;
  result: string;
  passed: boolean;
  phase: 'before' | 'after';
}

export interface SiteCommit {
  hash: string;
  subject: string;
  author: string | null;
  time: string | null;
  fix: boolean;
  files: string[];
}

export interface SiteFingerprint {
  fingerprint: string;
  message: string;
  level: string;
  source: string | null;
  count: number;
}

export interface SiteLesson {
  /** 1-based position, used in the anchor `#lesson-N`. */
  n: number;
  text: string;
  category: string | null;
  tags: string[];
}

export interface SiteAction {
  /** The action's id within the incident (anchor `#action-N`). */
  n: number;
  text: string;
  kind: ActionItem['kind'];
  owner: string | null;
  due: string | null;
  priority: ActionItem['priority'];
  status: ActionItem['status'];
  tracker: string | null;
}

export interface SiteSimilar {
  id: string;
  title: string;
  score: number;
  reasons: string[];
}
