import path from 'node:path';
import { type Context, type GlobalOptions, readStdin } from '../cli/context.js';
import { parseTimeOption } from '../cli/parseTime.js';
import { openSession } from '../cli/workspaceDb.js';
import { updateIncident } from '../incidents/store.js';
import type { Incident, IncidentInput } from '../record/schema.js';
import { formatTimestamp } from '../record/time.js';

/** Shared shape of the `<list> add` commands: one change to one incident, then a confirmation line. */
function addTo(ctx: Context, globals: GlobalOptions, id: string, change: (incident: Incident, zone: string, now: Date) => IncidentInput): Incident {
  const { workspace, db } = openSession(ctx, globals);
  try {
    const now = ctx.now();
    return updateIncident(db, id, now, (incident) => change(incident, workspace.config.timezone, now));
  } finally {
    db.close();
  }
}

/** `postmortem event add ID TIME TEXT` */
export function runEventAdd(ctx: Context, globals: GlobalOptions, id: string, time: string, text: string, options: { kind: string }): void {
  const saved = addTo(ctx, globals, id, (incident, zone, now) => {
    const at = parseTimeOption(time, 'time', zone, now);
    // Keep the timeline in time order; a new event goes after others at the same instant.
    const timeline = [...incident.timeline, { time: at, text, kind: options.kind as Incident['timeline'][number]['kind'], source: 'manual' as const }];
    timeline.sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
    return { ...incident, timeline };
  });
  ctx.stdout(`${id}: timeline event added (${saved.timeline.length} in all)\n`);
}

/** `postmortem factor add ID TEXT` */
export function runFactorAdd(ctx: Context, globals: GlobalOptions, id: string, text: string, options: { tag?: string[] }): void {
  const saved = addTo(ctx, globals, id, (incident) => ({ ...incident, factors: [...incident.factors, { text, tags: options.tag ?? [] }] }));
  ctx.stdout(`${id}: contributing factor added (${saved.factors.length} in all)\n`);
}

/** `postmortem lesson add ID TEXT` */
export function runLessonAdd(ctx: Context, globals: GlobalOptions, id: string, text: string, options: { category?: string; tag?: string[] }): void {
  const saved = addTo(ctx, globals, id, (incident) => ({
    ...incident,
    lessons: [...incident.lessons, { text, category: options.category ?? null, tags: options.tag ?? [] }],
  }));
  ctx.stdout(`${id}: lesson added (${saved.lessons.length} in all)\n`);
}

interface ActionOptions {
  owner?: string;
  due?: string;
  kind: string;
  priority: string;
  tracker?: string;
  repo?: string;
  json?: boolean;
}

/** `postmortem action add ID TEXT`; without --owner, the owner comes from CODEOWNERS and the files the fix changed. */
export async function runActionAdd(ctx: Context, globals: GlobalOptions, id: string, text: string, options: ActionOptions): Promise<void> {
  const { ownerFromCodeowners } = await import('../actions/ownerFromCodeowners.js');
  const repo = path.resolve(ctx.cwd, options.repo ?? '.');
  let newId = 0;
  let suggestion: ReturnType<typeof ownerFromCodeowners> | null = null;
  const saved = addTo(ctx, globals, id, (incident, _zone, now) => {
    newId = Math.max(0, ...incident.actions.map((a) => a.id ?? 0)) + 1;
    if (options.owner === undefined) suggestion = ownerFromCodeowners(incident, repo);
    const owner = options.owner ?? (suggestion?.found ? suggestion.owner : null);
    return {
      ...incident,
      actions: [
        ...incident.actions,
        {
          id: newId,
          text,
          kind: options.kind as 'prevent',
          owner,
          due: options.due ?? null,
          priority: options.priority as 'medium',
          status: 'open' as const,
          tracker: options.tracker ?? null,
          created_at: formatTimestamp(now.getTime()),
          closed_at: null,
        },
      ],
    };
  });
  const item = saved.actions.find((a) => a.id === newId);
  const found = suggestion as ReturnType<typeof ownerFromCodeowners> | null;
  const ownerFrom = found?.found
    ? {
        source: 'CODEOWNERS',
        file: path.relative(ctx.cwd, found.file) || found.file,
        rules: found.rules.map((r) => `line ${r.line}: ${r.pattern} ${r.owners.join(' ')}`),
        files: found.files,
        files_changed_by_fix: found.touched.length,
      }
    : options.owner !== undefined
      ? { source: '--owner' }
      : { source: null, reason: found && !found.found ? found.reason : null };
  if (options.json) {
    ctx.stdout(`${JSON.stringify({ incident: id, ...item, owner_from: ownerFrom }, null, 2)}\n`);
  } else if (found?.found) {
    const rule = found.rules[0];
    ctx.stdout(
      `${id}: action item #${newId} added, owner ${found.owner} from ${ownerFrom.file}` +
        ` (${rule ? `line ${rule.line} \`${rule.pattern}\`` : 'rules'}: owns ${found.files.length} of the ${found.touched.length} files the fix changed)\n`,
    );
  } else if (found) {
    ctx.stdout(
      `${id}: action item #${newId} added without an owner (${found.reason}); set one with \`postmortem action update ${id}#${newId} --owner NAME\`\n`,
    );
  } else ctx.stdout(`${id}: action item #${newId} added\n`);
}

/** `postmortem metric add ID NAME VALUE` */
export function runMetricAdd(ctx: Context, globals: GlobalOptions, id: string, name: string, value: string): void {
  const saved = addTo(ctx, globals, id, (incident) => ({ ...incident, metrics: [...incident.metrics, { name, value }] }));
  ctx.stdout(`${id}: metric added (${saved.metrics.length} in all)\n`);
}

/** `postmortem step add ID TEXT` */
export function runStepAdd(ctx: Context, globals: GlobalOptions, id: string, text: string, options: { status: string; detail?: string }): void {
  const saved = addTo(ctx, globals, id, (incident) => ({
    ...incident,
    deployment: [...incident.deployment, { text, status: options.status as 'done', detail: options.detail ?? null }],
  }));
  ctx.stdout(`${id}: deployment step ${saved.deployment.length} added\n`);
}

/** `postmortem section add ID HEADING BODY` */
export async function runSectionAdd(
  ctx: Context,
  globals: GlobalOptions,
  id: string,
  heading: string,
  body: string,
  options: { after?: string },
): Promise<void> {
  const text = body === '-' ? await readStdin(ctx) : body;
  addTo(ctx, globals, id, (incident) => ({
    ...incident,
    sections: [...incident.sections, { heading, body: text.replace(/\s+$/, ''), after: (options.after ?? null) as null }],
  }));
  ctx.stdout(`${id}: section "${heading}" added\n`);
}
