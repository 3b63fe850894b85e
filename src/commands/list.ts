import type { Context, GlobalOptions } from '../cli/context.js';
import { formatColumns } from '../cli/table.js';
import { openSession } from '../cli/workspaceDb.js';
import { listIncidents } from '../incidents/list.js';

interface ListOptions {
  status?: string;
  service?: string;
  severity?: string;
  limit?: number;
  json?: boolean;
}

/** `postmortem list` */
export function runList(ctx: Context, globals: GlobalOptions, options: ListOptions): void {
  const { db } = openSession(ctx, globals);
  try {
    const incidents = listIncidents(db, options);
    if (options.json) {
      ctx.stdout(`${JSON.stringify(incidents, null, 2)}\n`);
      return;
    }
    if (incidents.length === 0) {
      ctx.stdout('No incidents yet. Create one with `postmortem new "What happened"`, or load shared records with `postmortem import incidents/`.\n');
      return;
    }
    ctx.stdout(
      formatColumns(
        ['ID', 'STATUS', 'SEV', 'STARTED', 'DOWNTIME', 'OPEN ACTIONS', 'TITLE'],
        incidents.map((i) => [
          i.id,
          i.status,
          i.severity ?? '-',
          i.started ? i.started.slice(0, 16).replace('T', ' ') : '-',
          i.downtime_minutes === null ? '-' : `${i.downtime_minutes} min`,
          String(i.open_actions),
          i.title,
        ]),
      ),
    );
  } finally {
    db.close();
  }
}
