import type { Incident, LogEvent, TimelineEvent } from './schema.js';
import { epochOf } from './time.js';

/**
 * What the evidence says about an incident's times and timeline. Derived
 * values are computed when read, never stored: a time or event written by
 * hand always wins, and collecting evidence again updates what is derived.
 */

type TimeKey = 'started' | 'detected' | 'mitigated' | 'resolved';

export interface DerivedTime {
  time: string;
  /** Why: "first error in logs:railway", "first passing check: GET /health". */
  reason: string;
}

export type DerivedTimes = Record<TimeKey, DerivedTime | null>;

const byTime = (a: { time: string }, b: { time: string }) => epochOf(a.time) - epochOf(b.time);

/**
 * Started: the first error in the logs or failing endpoint check (before the
 * fix). Detected: the first such failing check (monitoring saw it), else started. Resolved: the
 * first passing check after the fix (its commit, else started).
 */
export function deriveTimes(incident: Incident): DerivedTimes {
  const { logs, checks, commits } = incident.evidence;
  const problems: DerivedTime[] = [];
  for (const event of logs) {
    if (event.time && isProblem(event))
      problems.push({ time: event.time, reason: `first error in the ${event.source ?? 'logs'} logs: ${oneLine(event.message)}` });
  }
  const failing: DerivedTime[] = checks
    .filter((c) => !c.passed && c.phase === 'before' && c.checked_at)
    .map((c) => ({ time: c.checked_at as string, reason: `first failing check: ${c.method} ${c.url}` }));
  problems.push(...failing);
  problems.sort(byTime);
  failing.sort(byTime);
  const started = problems[0] ?? null;

  const fix = commits.find((c) => c.fix);
  const fixTime = fix?.committed_at ?? fix?.authored_at ?? null;
  const floor = fixTime ?? started?.time ?? null;
  const passing: DerivedTime[] = checks
    .filter((c) => c.passed && (c.recovered_at ?? c.checked_at))
    .map((c) => ({ time: (c.recovered_at ?? c.checked_at) as string, reason: `first passing check: ${c.method} ${c.url}` }))
    .filter((p) => floor === null || epochOf(p.time) >= epochOf(floor))
    .sort(byTime);
  return {
    started,
    detected: failing[0] ?? started,
    mitigated: null,
    resolved: started ? (passing[0] ?? null) : null,
  };
}

/** The times a postmortem shows: each one written by hand, else derived from the evidence. */
export function effectiveTimes(incident: Incident): Incident['times'] {
  const derived = deriveTimes(incident);
  const pick = (key: TimeKey) => incident.times[key] ?? derived[key]?.time ?? null;
  return { started: pick('started'), detected: pick('detected'), mitigated: pick('mitigated'), resolved: pick('resolved') };
}

/** Timeline events the evidence implies: lifecycle markers, first errors, commits, check results. */
export function evidenceTimeline(incident: Incident): TimelineEvent[] {
  const { logs, commits, checks } = incident.evidence;
  const events: TimelineEvent[] = [];
  // A crash loop repeats the same markers: keep the first of each within ten
  // minutes, saying how often it happened.
  const repeats = new Map<string, { event: TimelineEvent; at: number; count: number; text: string }>();
  const failureTimes = logs.filter((e) => e.marker && e.time && isProblem(e)).map((e) => epochOf(e.time as string));
  for (const event of logs) {
    if (!event.time) continue;
    if (event.marker) {
      const text = `${describeMarker(event.marker)}: ${oneLine(event.message)}`;
      const key = `${event.source} ${event.marker}`;
      const earlier = repeats.get(key);
      if (earlier && epochOf(event.time) - earlier.at <= 600_000) {
        earlier.count += 1;
        earlier.event.text = `${earlier.text} (${earlier.count} times)`;
        continue;
      }
      const created: TimelineEvent = { time: event.time, text, kind: markerKind(event.marker), source: 'log' };
      repeats.set(key, { event: created, at: epochOf(event.time), count: 1, text });
      events.push(created);
    } else if (isProblem(event)) {
      // The error a failure marker already reports (same second) is not a second event.
      if (failureTimes.some((t) => Math.abs(t - epochOf(event.time as string)) <= 1000)) continue;
      const times = event.count > 1 ? ` (${event.count} times)` : '';
      events.push({ time: event.time, text: `Error in ${event.source ?? 'logs'}: ${oneLine(event.message)}${times}`, kind: 'error', source: 'log' });
    }
  }
  for (const commit of commits) {
    const time = commit.committed_at ?? commit.authored_at;
    if (time) events.push({ time, text: `Commit \`${commit.hash.slice(0, 7)}\`: ${commit.subject}`, kind: commit.fix ? 'change' : 'commit', source: 'commit' });
  }
  for (const phase of ['before', 'after'] as const) {
    const inPhase = checks.filter((c) => c.phase === phase && c.checked_at);
    if (inPhase.length === 0) continue;
    const failed = inPhase.filter((c) => !c.passed);
    const times = inPhase.map((c) => c.checked_at as string).sort((a, b) => epochOf(a) - epochOf(b));
    const time = (failed.length > 0 ? failed.map((c) => c.checked_at as string).sort((a, b) => epochOf(a) - epochOf(b))[0] : times[times.length - 1]) as string;
    const text =
      failed.length === 0
        ? `All ${inPhase.length} endpoint checks passing`
        : `${failed.length} of ${inPhase.length} endpoint checks failing (${failed
            .slice(0, 3)
            .map((c) => `${c.method} ${pathOf(c.url)}`)
            .join(', ')}${failed.length > 3 ? ', …' : ''})`;
    events.push({ time, text, kind: failed.length === 0 ? 'verified' : phase === 'before' ? 'detected' : 'error', source: 'check' });
    for (const check of inPhase) {
      if (check.recovered_at && (check.attempts ?? 1) > 1) {
        events.push({
          time: check.recovered_at,
          text: `${check.method} ${pathOf(check.url)} recovered after ${check.attempts} attempts`,
          kind: 'verified',
          source: 'check',
        });
      }
    }
  }
  return events;
}

/** The whole timeline: events written by hand and those from the evidence, in time order. */
export function mergedTimeline(incident: Incident): TimelineEvent[] {
  const manual = incident.timeline;
  // An event the evidence implies is left out when someone already wrote it down:
  // a hand-written event of the same kind within two minutes.
  const family = (kind: TimelineEvent['kind']) => (kind === 'change' ? 'commit' : kind);
  const derived = evidenceTimeline(incident).filter(
    (event) => !manual.some((m) => family(m.kind) === family(event.kind) && Math.abs(epochOf(m.time) - epochOf(event.time)) <= 120_000),
  );
  // Stable sort keeps hand-written events first among events at the same instant.
  return [...manual, ...derived]
    .map((event, index) => ({ event, index }))
    .sort((a, b) => byTime(a.event, b.event) || a.index - b.index)
    .map(({ event }) => event);
}

/** The incident as a postmortem presents it: effective times and the merged timeline. */
export function withDerivedFacts(incident: Incident): Incident {
  return { ...incident, times: effectiveTimes(incident), timeline: mergedTimeline(incident) };
}

function isProblem(event: LogEvent): boolean {
  if (event.marker) return /fail|crash|error|exit/i.test(event.marker);
  return event.level === 'error' || event.level === 'fatal' || event.level === 'critical';
}

function markerKind(marker: string): TimelineEvent['kind'] {
  if (/fail|crash|error|exit|stop/i.test(marker)) return 'error';
  if (/health|ready|pass/i.test(marker)) return 'verified';
  if (/build|migrat/i.test(marker)) return 'build';
  return 'deploy';
}

function describeMarker(marker: string): string {
  const words = marker.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function oneLine(text: string): string {
  const line = text.split('\n', 1)[0]?.trim() ?? '';
  return line.length > 160 ? `${line.slice(0, 157)}…` : line;
}

function pathOf(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.pathname + parsed.search;
  } catch {
    return url;
  }
}
