import fs from 'node:fs';
import path from 'node:path';
import { withDerivedFacts } from '../record/derive.js';
import type { Incident } from '../record/schema.js';
import { loadTemplate, renderIncident } from '../render/render.js';
import type { Workspace } from '../workspace.js';
import { defaultCaptureConfig } from './captureConfig.js';

/** Where the draft of an incident goes: the plan's path with `{id}` filled in. */
export function draftPath(pattern: string, id: string): string {
  return pattern.replaceAll('{id}', id);
}

/** How a template is named: a name, or a path (anything with `/` or ending in `.hbs`) from `cwd`. */
export function templateRequest(template: string, cwd: string): string {
  return template.includes('/') || template.endsWith('.hbs') ? path.resolve(cwd, template) : template;
}

/** Fails early (UserError) when the template does not exist, before anything is collected. */
export function checkTemplate(template: string, root: string, cwd: string): void {
  loadTemplate(templateRequest(template, cwd), [path.join(root, 'templates')]);
}

/** Renders the incident as its postmortem shows it (derived times and timeline) and writes it to `file`. */
export function writeDraft(incident: Incident, file: string, options: { template: string; root: string; cwd: string }): void {
  const markdown = renderIncident(withDerivedFacts(incident), {
    template: templateRequest(options.template, options.cwd),
    templatesDirs: [path.join(options.root, 'templates')],
  });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, markdown);
}

/**
 * Renders the incident again to its draft file when that file exists (the
 * status shown in it changes on publish); returns the file, or null.
 */
export function refreshDraft(incident: Incident, workspace: Workspace, cwd: string): string | null {
  const pattern = path.resolve(workspace.root, (workspace.config.capture ?? defaultCaptureConfig()).draft);
  const file = draftPath(pattern, incident.id);
  if (!fs.existsSync(file)) return null;
  writeDraft(incident, file, { template: workspace.config.template, root: workspace.root, cwd });
  return file;
}
