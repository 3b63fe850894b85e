import path from 'node:path';
import { formatColumns } from '../cli/table.js';
import { deriveTimes, effectiveTimes, mergedTimeline } from '../record/derive.js';
import { deriveDurations } from '../record/durations.js';
import { formatDuration } from '../record/time.js';
import type { CaptureResult } from './capture.js';

/**
 * What capture prints: the draft's path, what each collector gathered, the
 * derived timeline and downtime, and the "seen before" matches (stdout), as
 * text or as one JSON document. Warnings go to stderr (`formatWarnings`).
 */

const TIME_KEYS = ['started', 'detected', 'mitigated', 'resolved'] as const;

function utc(time: string): string {
  return new Date(Date.parse(time)).toISOString().slice(0, 19).replace('T', ' ');
}

function shown(file: string, cwd: string): string {
  return path.relative(cwd, file) || file;
}

/** The text report. */
export function formatCaptureReport(result: CaptureResult, cwd: string): string {
  const { incident } = result;
  const derived = deriveTimes(incident);
  const times = effectiveTimes(incident);
  const timeline = mergedTimeline(incident);
  const durations = deriveDurations(times);
  const lines = [`Captured ${incident.id} (draft)`, `Draft: ${shown(result.draft, cwd)}`, ''];
  if (result.collected.length === 0)
    lines.push('Nothing to collect: give --logs, --repo, --checks, --url or --env-required, or set them under capture: in postmortem.config.yaml.');
  else {
    lines.push('Collected:');
    for (const part of result.collected) {
      lines.push(`  ${part.summary}`);
      for (const note of part.notes ?? []) lines.push(`    ${note}`);
    }
  }
  lines.push('');
  if (timeline.length === 0) lines.push('Timeline: no events yet.');
  else
    lines.push(
      formatColumns(
        ['TIME (UTC)', 'KIND', 'SOURCE', 'EVENT'],
        timeline.map((e) => [utc(e.time), e.kind, e.source, e.text]),
      ).trimEnd(),
    );
  lines.push('');
  for (const key of TIME_KEYS) {
    const time = times[key];
    const reason = incident.times[key] ? 'set by hand' : derived[key]?.reason;
    lines.push(`${`${key}:`.padEnd(11)}${time ? `${utc(time)}  (${reason})` : '-'}`);
  }
  lines.push(`${'downtime:'.padEnd(11)}${durations.downtime === null ? '- (needs a start and a resolution)' : formatDuration(durations.downtime)}`);
  if (result.seenBefore.length > 0) {
    lines.push('', 'Seen before (the same errors):');
    for (const match of result.seenBefore.slice(0, 5)) {
      const shared = match.fingerprints.length;
      lines.push(`  ${match.id}  ${match.title}  (${shared} shared error${shared === 1 ? '' : 's'})`);
      for (const lesson of match.lessons.slice(0, 3)) lines.push(`    lesson: ${lesson}`);
      for (const item of match.open_actions.slice(0, 3)) {
        const who = [item.owner, item.due && `due ${item.due}`].filter(Boolean).join(', ');
        lines.push(`    still ${item.status}: #${item.number} ${item.text}${who ? ` (${who})` : ''}`);
      }
    }
    if (result.seenBefore.length > 5) lines.push(`  … and ${result.seenBefore.length - 5} more (--json lists them all)`);
  }
  lines.push(
    '',
    `Next: review ${shown(result.draft, cwd)}, fill in what is missing (postmortem edit ${incident.id}),`,
    `      then postmortem status ${incident.id} in-review, and postmortem publish ${incident.id}.`,
  );
  return `${lines.join('\n')}\n`;
}

/** One line per warning, as `collect` prints them. */
export function formatWarnings(result: Pick<CaptureResult, 'warnings'>): string {
  return result.warnings.map((w) => `warning: ${w.source}: ${w.text}\n`).join('');
}

/** The JSON report. */
export function captureJson(result: CaptureResult, cwd: string): unknown {
  const { incident } = result;
  const derived = deriveTimes(incident);
  const times = effectiveTimes(incident);
  const durations = deriveDurations(times);
  const seconds = (ms: number | null) => (ms === null ? null : Math.round(ms / 1000));
  return {
    id: incident.id,
    draft: shown(result.draft, cwd),
    collected: result.collected.map(({ kind, summary, notes }) => ({ kind, summary, notes: notes ?? [] })),
    times: Object.fromEntries(
      TIME_KEYS.map((key) => [
        key,
        {
          time: times[key],
          from: incident.times[key] ? 'manual' : derived[key] ? 'evidence' : null,
          reason: incident.times[key] ? 'set by hand' : (derived[key]?.reason ?? null),
        },
      ]),
    ),
    durations: {
      time_to_detect_seconds: seconds(durations.timeToDetect),
      time_to_mitigate_seconds: seconds(durations.timeToMitigate),
      time_to_recover_seconds: seconds(durations.timeToRecover),
      downtime_seconds: seconds(durations.downtime),
    },
    timeline: mergedTimeline(incident),
    warnings: result.warnings,
    seen_before: result.seenBefore,
  };
}
