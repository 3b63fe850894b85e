import type { Context, GlobalOptions } from '../cli/context.js';
import { parseTimeOption } from '../cli/parseTime.js';
import { openSession } from '../cli/workspaceDb.js';
import { slugify } from '../incidents/slug.js';
import { createIncident } from '../incidents/store.js';

interface NewOptions {
  id?: string;
  severity?: string;
  service?: string[];
  environment?: string;
  started?: string;
  tag?: string[];
  author?: string[];
  json?: boolean;
}

/** `postmortem new TITLE` */
export function runNew(ctx: Context, globals: GlobalOptions, title: string, options: NewOptions): void {
  const { workspace, db } = openSession(ctx, globals, { create: true });
  try {
    const now = ctx.now();
    const started = options.started ? parseTimeOption(options.started, '--started', workspace.config.timezone, now) : null;
    const id = options.id ?? slugify(title, (started ?? now.toISOString()).slice(0, 10));
    const incident = createIncident(
      db,
      {
        id,
        title,
        severity: options.severity,
        services: options.service ?? [],
        environment: options.environment,
        tags: options.tag ?? [],
        authors: options.author ?? [],
        times: { started },
      },
      now,
    );
    ctx.stdout(options.json ? `${JSON.stringify(incident, null, 2)}\n` : `${incident.id}\n`);
  } finally {
    db.close();
  }
}
