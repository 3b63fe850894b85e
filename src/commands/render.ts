import fs from 'node:fs';
import path from 'node:path';
import type { Context, GlobalOptions } from '../cli/context.js';
import { openSession } from '../cli/workspaceDb.js';
import { getIncident } from '../incidents/store.js';
import { withDerivedFacts } from '../record/derive.js';
import { renderIncident } from '../render/render.js';

/** `postmortem render ID` */
export function runRender(ctx: Context, globals: GlobalOptions, id: string, options: { template?: string; out?: string }): void {
  const { workspace, db } = openSession(ctx, globals);
  try {
    const incident = withDerivedFacts(getIncident(db, id));
    const template = options.template ?? workspace.config.template;
    const isPath = template.includes('/') || template.endsWith('.hbs');
    const markdown = renderIncident(incident, {
      template: isPath ? path.resolve(ctx.cwd, template) : template,
      templatesDirs: [path.join(workspace.root, 'templates')],
    });
    if (!options.out) {
      ctx.stdout(markdown);
      return;
    }
    const out = path.resolve(ctx.cwd, options.out);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, markdown);
    ctx.stdout(`${path.relative(ctx.cwd, out) || out}\n`);
  } finally {
    db.close();
  }
}
