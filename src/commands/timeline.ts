import type { Context, GlobalOptions } from '../cli/context.js';
import { formatColumns } from '../cli/table.js';
import { openSession } from '../cli/workspaceDb.js';
import { getIncident } from '../incidents/store.js';
import { deriveTimes, effectiveTimes, mergedTimeline } from '../record/derive.js';
import { deriveDurations } from '../record/durations.js';
import { formatDuration } from '../record/time.js';

/** `postmortem timeline ID`: every event, from people and from evidence, and the times they imply. */
export function runTimeline(ctx: Context, globals: GlobalOptions, id: string, options: { json?: boolean }): void {
  const { db } = openSession(ctx, globals);
  try {
    const incident = getIncident(db, id);
    const derived = deriveTimes(incident);
    const times = effectiveTimes(incident);
    const timeline = mergedTimeline(incident);
    const durations = deriveDurations(times);
    const timeRows = (['started', 'detected', 'mitigated', 'resolved'] as const).map((key) => ({
      key,
      time: times[key],
      from: incident.times[key] ? 'manual' : derived[key] ? 'evidence' : null,
      reason: incident.times[key] ? 'set by hand' : (derived[key]?.reason ?? null),
    }));
    if (options.json) {
      const seconds = (ms: number | null) => (ms === null ? null : Math.round(ms / 1000));
      ctx.stdout(
        `${JSON.stringify(
          {
            id,
            times: Object.fromEntries(timeRows.map(({ key, ...rest }) => [key, rest])),
            durations: {
              time_to_detect_seconds: seconds(durations.timeToDetect),
              time_to_mitigate_seconds: seconds(durations.timeToMitigate),
              time_to_recover_seconds: seconds(durations.timeToRecover),
              downtime_seconds: seconds(durations.downtime),
            },
            timeline,
          },
          null,
          2,
        )}\n`,
      );
      return;
    }
    const lines: string[] = [];
    if (timeline.length === 0) lines.push('No timeline events yet: add them with `postmortem event add`, or collect evidence with `postmortem collect`.');
    else
      lines.push(
        formatColumns(
          ['TIME (UTC)', 'KIND', 'SOURCE', 'EVENT'],
          timeline.map((e) => [utc(e.time), e.kind, e.source, e.text]),
        ).trimEnd(),
      );
    lines.push('');
    for (const row of timeRows) lines.push(`${`${row.key}:`.padEnd(11)}${row.time ? `${utc(row.time)}  (${row.reason})` : '-'}`);
    if (durations.downtime !== null) lines.push(`${'downtime:'.padEnd(11)}${formatDuration(durations.downtime)}`);
    ctx.stdout(`${lines.join('\n')}\n`);
  } finally {
    db.close();
  }
}

function utc(time: string): string {
  return new Date(Date.parse(time)).toISOString().slice(0, 19).replace('T', ' ');
}
