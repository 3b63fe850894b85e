import type { Context, GlobalOptions } from '../cli/context.js';
import { openSession } from '../cli/workspaceDb.js';
import { getIncident } from '../incidents/store.js';
import { effectiveTimes } from '../record/derive.js';
import { deriveDurations } from '../record/durations.js';
import type { Incident } from '../record/schema.js';
import { formatDuration } from '../record/time.js';

/** `postmortem show ID` */
export function runShow(ctx: Context, globals: GlobalOptions, id: string, options: { json?: boolean }): void {
  const { db } = openSession(ctx, globals);
  try {
    const incident = getIncident(db, id);
    // Times come from the record, else from the evidence (see incidents/derive.ts).
    const times = effectiveTimes(incident);
    const durations = deriveDurations(times);
    if (options.json) {
      const seconds = (ms: number | null) => (ms === null ? null : Math.round(ms / 1000));
      const derived = {
        times,
        time_to_detect_seconds: seconds(durations.timeToDetect),
        time_to_mitigate_seconds: seconds(durations.timeToMitigate),
        time_to_recover_seconds: seconds(durations.timeToRecover),
        downtime_seconds: seconds(durations.downtime),
      };
      ctx.stdout(`${JSON.stringify({ ...incident, derived }, null, 2)}\n`);
      return;
    }
    ctx.stdout(describeIncident({ ...incident, times }, durations));
  } finally {
    db.close();
  }
}

function describeIncident(incident: Incident, durations: ReturnType<typeof deriveDurations>): string {
  const lines: string[] = [incident.title, incident.id, ''];
  const field = (name: string, value: string | null | undefined) => {
    if (value) lines.push(`${`${name}:`.padEnd(14)}${value}`);
  };
  field('Status', incident.status);
  field('Severity', incident.severity);
  field('Services', incident.services.join(', '));
  field('Environment', incident.environment);
  field('Authors', incident.authors.join(', '));
  field('Tags', incident.tags.join(', '));
  field('Started', incident.times.started);
  field('Detected', incident.times.detected);
  field('Mitigated', incident.times.mitigated);
  field('Resolved', incident.times.resolved);
  const duration = (ms: number | null) => (ms === null ? null : formatDuration(ms));
  field('To detect', duration(durations.timeToDetect));
  field('To recover', duration(durations.timeToRecover));
  field('Downtime', duration(durations.downtime));
  const { evidence } = incident;
  const counts = [
    [incident.factors.length, 'contributing factor'],
    [incident.timeline.length, 'timeline event'],
    [evidence.logs.length, 'log event'],
    [evidence.commits.length, 'commit'],
    [evidence.checks.length, 'endpoint check'],
    [evidence.env.length, 'environment variable'],
    [evidence.warnings.length, 'warning'],
    [incident.lessons.length, 'lesson'],
    [incident.actions.length, 'action item'],
    [incident.metrics.length, 'metric'],
  ] as const;
  lines.push('', counts.map(([n, noun]) => `${n} ${noun}${n === 1 ? '' : 's'}`).join(', '));
  const open = incident.actions.filter((a) => a.status === 'open' || a.status === 'in-progress');
  if (open.length > 0) {
    lines.push('', 'Open action items:');
    for (const a of open) lines.push(`  #${a.id} [${a.priority}] ${a.text} (${a.owner ?? 'no owner'}${a.due ? `, due ${a.due}` : ''})`);
  }
  return `${lines.join('\n')}\n`;
}
