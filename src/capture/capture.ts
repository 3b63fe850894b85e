import type { CheckSpec } from '../collect/checks/checkSpec.js';
import { incidentExists } from '../db/incidentStore.js';
import type { Db } from '../db/open.js';
import { EXIT, UserError } from '../errors.js';
import { slugify } from '../incidents/slug.js';
import { createIncident, validateRecord } from '../incidents/store.js';
import { effectiveTimes } from '../record/derive.js';
import type { Incident, IncidentInput } from '../record/schema.js';
import type { Workspace } from '../workspace.js';
import { loadAnswers } from './answers.js';
import { type CaptureWarning, type CollectContext, type CollectedPart, collectAll } from './collectAll.js';
import { checkTemplate, draftPath, writeDraft } from './draft.js';
import { type CaptureOptions, type CapturePlan, planCapture } from './plan.js';
import { findSeenBefore, type SeenBefore } from './seenBefore.js';

/**
 * `postmortem capture TITLE`: plans what to collect (options over the
 * workspace config), checks every input, runs every collector, then creates
 * the incident with all its evidence (and the answers file's narrative) in
 * one transaction, and renders the draft. A failure before the save writes
 * nothing; what could not be collected is a warning.
 */

export interface CaptureContext extends CollectContext {
  workspace: Workspace;
  db: Db;
}

export interface CaptureResult {
  incident: Incident;
  plan: CapturePlan;
  /** Absolute path of the draft. */
  draft: string;
  collected: Pick<CollectedPart, 'kind' | 'summary' | 'notes'>[];
  /** What could not be collected, and why. */
  warnings: CaptureWarning[];
  /** Earlier incidents with some of the same errors, most shared first. */
  seenBefore: SeenBefore[];
}

export async function capture(title: string, options: CaptureOptions, ctx: CaptureContext): Promise<CaptureResult> {
  const now = ctx.now();
  const plan = planCapture(options, ctx.workspace, { cwd: ctx.cwd, now });
  // Every input is checked before the first collector runs.
  checkTemplate(plan.template, ctx.workspace.root, ctx.cwd);
  const answers = plan.answers ? loadAnswers(plan.answers.file, plan.answers.shown) : null;
  const requestedId = options.id ?? answers?.id ?? null;
  if (requestedId !== null && incidentExists(ctx.db, requestedId)) throw idTaken(requestedId);
  const base = validateRecord({ ...answers?.fields, id: requestedId ?? 'capture', title, status: 'draft' } as IncidentInput);
  const { specs, warning: checksWarning } = await loadCheckSpecs(plan);

  const parts = await collectAll(plan, ctx, specs);
  let incident = parts.reduce((current, part) => part.apply(current), base);
  const warnings = parts.flatMap((part) => part.warnings);
  if (checksWarning) {
    warnings.push(checksWarning);
    incident = {
      ...incident,
      evidence: { ...incident.evidence, warnings: [...incident.evidence.warnings, { text: checksWarning.text, source: checksWarning.source }] },
    };
  }

  const id = requestedId ?? freeId(ctx.db, slugify(title, (effectiveTimes(incident).started ?? now.toISOString()).slice(0, 10)));
  const saved = createIncident(ctx.db, { ...incident, id }, now);
  const draft = draftPath(plan.draft, id);
  writeDraft(saved, draft, { template: plan.template, root: ctx.workspace.root, cwd: ctx.cwd });
  return {
    incident: saved,
    plan,
    draft,
    collected: parts.map(({ kind, summary, notes }) => ({ kind, summary, notes })),
    warnings,
    seenBefore: findSeenBefore(ctx.db, saved),
  };
}

/** The checks file's specs and the `--url` ones; a missing file is a warning, an invalid one an error. */
async function loadCheckSpecs(plan: CapturePlan): Promise<{ specs: CheckSpec[]; warning: CaptureWarning | null }> {
  if (!plan.checksFile && plan.urls.length === 0) return { specs: [], warning: null };
  const { loadCheckFile, specsFromOptions } = await import('../collect/checks/checkSpec.js');
  const specs = specsFromOptions({ urls: plan.urls, ...(plan.timeoutMs === undefined ? {} : { timeoutMs: plan.timeoutMs }) });
  if (!plan.checksFile) return { specs, warning: null };
  try {
    const fromFile = loadCheckFile(plan.checksFile.file, plan.checksFile.baseUrl ? { baseUrl: plan.checksFile.baseUrl } : {});
    return { specs: [...fromFile, ...specs], warning: null };
  } catch (error) {
    if (!(error instanceof UserError) || error.code !== 'file-missing') throw error;
    return { specs, warning: { source: 'checks:after', text: `could not read the checks file ${plan.checksFile.shown}: ${error.message}` } };
  }
}

/** The id, or the first of `id-2`, `id-3`, ... not taken: capturing twice on a day never fails on the id. */
function freeId(db: Db, id: string): string {
  if (!incidentExists(db, id)) return id;
  for (let n = 2; ; n += 1) {
    const candidate = `${id.slice(0, 96)}-${n}`;
    if (!incidentExists(db, candidate)) return candidate;
  }
}

function idTaken(id: string): UserError {
  return new UserError('id-taken', `An incident with id "${id}" already exists.`, {
    exitCode: EXIT.invalidInput,
    hint: 'Pass --id with another id (or remove `id:` from the answers file). Nothing was collected or written.',
  });
}
