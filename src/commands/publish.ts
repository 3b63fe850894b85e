import path from 'node:path';
import type { Context, GlobalOptions } from '../cli/context.js';
import { openSession } from '../cli/workspaceDb.js';
import type { IncidentStatus } from '../record/schema.js';

/**
 * `postmortem publish ID [--force]` and `postmortem status ID STATUS`: one
 * path (src/capture/publishGate.ts), so moving to published always goes
 * through the lint gate. The draft file capture wrote is rendered again.
 */

interface StatusOptions {
  force?: boolean;
  json?: boolean;
}

/** Changes the status and prints the outcome. */
export async function moveTo(ctx: Context, globals: GlobalOptions, id: string, to: IncidentStatus, options: StatusOptions): Promise<void> {
  const { changeStatus, describeFinding } = await import('../capture/publishGate.js');
  const { refreshDraft } = await import('../capture/draft.js');
  const { workspace, db } = openSession(ctx, globals);
  try {
    const template = workspace.config.template;
    const isPath = template.includes('/') || template.endsWith('.hbs');
    const change = changeStatus(db, id, to, {
      force: options.force,
      now: ctx.now(),
      lint: {
        zone: workspace.config.timezone,
        template: isPath ? path.resolve(ctx.cwd, template) : template,
        templatesDirs: [path.join(workspace.root, 'templates')],
        ...(workspace.config.lint?.required_sections ? { requiredSections: workspace.config.lint.required_sections } : {}),
      },
    });
    const draft = change.changed ? refreshDraft(change.incident, workspace, ctx.cwd) : null;
    const shownDraft = draft ? path.relative(ctx.cwd, draft) || draft : null;
    if (options.json) {
      const { incident, ...rest } = change;
      ctx.stdout(`${JSON.stringify({ id, ...rest, draft: shownDraft }, null, 2)}\n`);
      return;
    }
    const lines: string[] = [];
    if (!change.changed) lines.push(`${id} is already ${to}; nothing changed.`);
    else lines.push(`${id}: ${change.from} → ${to}${change.forced ? ' (forced over lint errors; the record says so)' : ''}`);
    const warnings = change.findings.filter((f) => f.severity === 'warning');
    for (const finding of change.forced ? change.findings : warnings) lines.push(`  ${finding.severity}: ${describeFinding(finding)}`);
    if (shownDraft) lines.push(`Draft updated: ${shownDraft}`);
    ctx.stdout(`${lines.join('\n')}\n`);
  } finally {
    db.close();
  }
}

/** `postmortem publish ID [--force] [--json]` */
export function runPublish(ctx: Context, globals: GlobalOptions, id: string, options: StatusOptions): Promise<void> {
  return moveTo(ctx, globals, id, 'published', options);
}
