import type { Context, GlobalOptions } from '../cli/context.js';
import { formatTimelineReport, timelineReport, timelineReportJson } from '../cli/timelineReport.js';
import { openSession } from '../cli/workspaceDb.js';
import { getIncident } from '../incidents/store.js';

/** `postmortem timeline ID`: every event, from people and from evidence, and the times they imply. */
export function runTimeline(ctx: Context, globals: GlobalOptions, id: string, options: { json?: boolean }): void {
  const { db } = openSession(ctx, globals);
  try {
    const incident = getIncident(db, id);
    const report = timelineReport(incident);
    if (options.json) {
      ctx.stdout(`${JSON.stringify({ id, ...timelineReportJson(report) }, null, 2)}\n`);
      return;
    }
    const lines = formatTimelineReport(report, 'No timeline events yet: add them with `postmortem event add`, or collect evidence with `postmortem collect`.');
    ctx.stdout(`${lines.join('\n')}\n`);
  } finally {
    db.close();
  }
}
