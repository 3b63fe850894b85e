import fs from 'node:fs';
import path from 'node:path';
import type { Context, GlobalOptions } from '../cli/context.js';
import { openSession } from '../cli/workspaceDb.js';
import { iterateIncidents } from '../db/incidentStore.js';
import { EXIT, UserError } from '../errors.js';
import { getIncident } from '../incidents/store.js';
import { withDerivedFacts } from '../record/derive.js';
import type { Incident } from '../record/schema.js';
import { renderIncident } from '../render/render.js';
import { buildTemplateContext } from '../render/viewModel.js';

interface RenderOptions {
  template?: string;
  out?: string;
  all?: boolean;
  format: 'md' | 'json' | 'html';
}

/** `postmortem render ID` and `postmortem render --all --out DIR` */
export async function runRender(ctx: Context, globals: GlobalOptions, id: string | undefined, options: RenderOptions): Promise<void> {
  if (!id && !options.all) {
    throw new UserError('missing-id', 'Say which incident to render, or pass --all.', {
      exitCode: EXIT.usage,
      hint: 'For example: postmortem render 2026-01-05-login-outage, or postmortem render --all --out postmortems/.',
    });
  }
  // The HTML renderer (micromark) loads only for HTML.
  const html = options.format === 'html' ? await import('../render/html.js') : null;
  const { workspace, db } = openSession(ctx, globals);
  try {
    const template = options.template ?? workspace.config.template;
    const isPath = template.includes('/') || template.endsWith('.hbs');
    const render = (incident: Incident) => {
      const shown = withDerivedFacts(incident);
      if (options.format === 'json') return `${JSON.stringify(buildTemplateContext(shown, { now: ctx.now(), zone: workspace.config.timezone }), null, 2)}\n`;
      const markdown = renderIncident(shown, {
        now: ctx.now(),
        zone: workspace.config.timezone,
        template: isPath ? path.resolve(ctx.cwd, template) : template,
        templatesDirs: [path.join(workspace.root, 'templates')],
      });
      return html ? html.renderHtmlPage(markdown, shown.title) : markdown;
    };
    const extension = options.format;
    if (options.all) {
      const outDir = path.resolve(ctx.cwd, options.out ?? 'postmortems');
      let count = 0;
      for (const incident of iterateIncidents(db)) {
        const file = path.join(outDir, incident.id, `postmortem.${extension}`);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, render(incident));
        count += 1;
      }
      ctx.stdout(`Rendered ${count} incident${count === 1 ? '' : 's'} to ${path.relative(ctx.cwd, outDir) || '.'}/<id>/postmortem.${extension}\n`);
      return;
    }
    const text = render(getIncident(db, id as string));
    if (!options.out) {
      ctx.stdout(text);
      return;
    }
    const out = path.resolve(ctx.cwd, options.out);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, text);
    ctx.stdout(`${path.relative(ctx.cwd, out) || out}\n`);
  } finally {
    db.close();
  }
}
