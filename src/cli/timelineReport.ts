import { deriveTimes, effectiveTimes, mergedTimeline } from '../record/derive.js';
import { type Durations, deriveDurations } from '../record/durations.js';
import type { Incident, TimelineEvent } from '../record/schema.js';
import { formatDuration } from '../record/time.js';
import { formatColumns } from './table.js';

/** The merged timeline, the four times with where each came from, and the durations they imply. */
export interface TimelineReport {
  timeline: TimelineEvent[];
  times: { key: (typeof TIME_KEYS)[number]; time: string | null; from: 'manual' | 'evidence' | null; reason: string | null }[];
  durations: Durations;
}

const TIME_KEYS = ['started', 'detected', 'mitigated', 'resolved'] as const;

export function timelineReport(incident: Incident): TimelineReport {
  const derived = deriveTimes(incident);
  const times = effectiveTimes(incident);
  return {
    timeline: mergedTimeline(incident),
    times: TIME_KEYS.map((key) => ({
      key,
      time: times[key],
      from: incident.times[key] ? 'manual' : derived[key] ? 'evidence' : null,
      reason: incident.times[key] ? 'set by hand' : (derived[key]?.reason ?? null),
    })),
    durations: deriveDurations(times),
  };
}

/** The text `timeline` and `capture` print: the events as a table, then each time with its reason, then the downtime. */
export function formatTimelineReport(report: TimelineReport, whenEmpty: string): string[] {
  const lines: string[] = [];
  if (report.timeline.length === 0) lines.push(whenEmpty);
  else
    lines.push(
      formatColumns(
        ['TIME (UTC)', 'KIND', 'SOURCE', 'EVENT'],
        report.timeline.map((e) => [utc(e.time), e.kind, e.source, e.text]),
      ).trimEnd(),
    );
  lines.push('');
  for (const row of report.times) lines.push(`${`${row.key}:`.padEnd(11)}${row.time ? `${utc(row.time)}  (${row.reason})` : '-'}`);
  const { downtime } = report.durations;
  lines.push(`${'downtime:'.padEnd(11)}${downtime === null ? '- (needs a start and a resolution)' : formatDuration(downtime)}`);
  return lines;
}

function utc(time: string): string {
  return new Date(Date.parse(time)).toISOString().slice(0, 19).replace('T', ' ');
}

/** The JSON form: times keyed by name, durations in whole seconds, the merged timeline. */
export function timelineReportJson(report: TimelineReport) {
  const seconds = (ms: number | null) => (ms === null ? null : Math.round(ms / 1000));
  return {
    times: Object.fromEntries(report.times.map(({ key, ...rest }) => [key, rest])),
    durations: {
      time_to_detect_seconds: seconds(report.durations.timeToDetect),
      time_to_mitigate_seconds: seconds(report.durations.timeToMitigate),
      time_to_recover_seconds: seconds(report.durations.timeToRecover),
      downtime_seconds: seconds(report.durations.downtime),
    },
    timeline: report.timeline,
  };
}
