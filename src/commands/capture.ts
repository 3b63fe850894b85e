import type { CaptureOptions } from '../capture/plan.js';
import type { Context, GlobalOptions } from '../cli/context.js';
import { openSession } from '../cli/workspaceDb.js';
import { EXIT, UserError } from '../errors.js';
import { updateIncident } from '../incidents/store.js';

/**
 * `postmortem capture TITLE`: one command from fix to draft. Collects, saves
 * and renders (src/capture/capture.ts), prints the report, then on a terminal
 * asks for what no collector can know. Exit code 7 when something could not be
 * collected (the draft is written all the same); --no-strict makes that 0.
 */

interface CaptureCommandOptions extends CaptureOptions {
  /** false with --no-input. */
  input: boolean;
  /** Ask even when stdin is not a terminal (answers piped in). */
  guided?: boolean;
  json?: boolean;
  /** false with --no-strict. */
  strict: boolean;
}

/** Whether to ask the questions: never with --no-input or when stdin is data; on a terminal, or when asked to. */
export function shouldAsk(
  ctx: Pick<Context, 'stdin' | 'stdoutIsTTY' | 'env'>,
  options: Pick<CaptureCommandOptions, 'input' | 'guided' | 'json' | 'logs'>,
): boolean {
  if (!options.input) return false;
  if (options.logs?.some((l) => l === '-' || l.endsWith('=-'))) return false;
  if (options.guided || ctx.env.POSTMORTEM_INTERACTIVE === '1') return true;
  return Boolean(ctx.stdin.isTTY) && ctx.stdoutIsTTY && !options.json;
}

export async function runCapture(ctx: Context, globals: GlobalOptions, title: string, options: CaptureCommandOptions): Promise<void> {
  const { capture } = await import('../capture/capture.js');
  const { captureJson, formatCaptureReport, formatWarnings } = await import('../capture/report.js');
  const { workspace, db } = openSession(ctx, globals, { create: true });
  try {
    const { input: _input, guided: _guided, json: _json, strict: _strict, ...captureOptions } = options;
    const result = await capture(title, captureOptions, { workspace, db, cwd: ctx.cwd, env: ctx.env, now: ctx.now, stdin: ctx.stdin });
    ctx.stdout(options.json ? `${JSON.stringify(captureJson(result, ctx.cwd), null, 2)}\n` : formatCaptureReport(result, ctx.cwd));
    ctx.stderr(formatWarnings(result));

    if (shouldAsk(ctx, options)) {
      const { answeredAnything, applyGuided, askGuided, linePrompter } = await import('../capture/guided.js');
      const { writeDraft } = await import('../capture/draft.js');
      const prompter = linePrompter(ctx.stdin, ctx.stdout);
      try {
        const answers = await askGuided(result.incident, prompter, ctx.stdout);
        if (answeredAnything(answers)) {
          const now = ctx.now();
          const updated = updateIncident(db, result.incident.id, now, (incident) => applyGuided(incident, answers, now));
          writeDraft(updated, result.draft, { template: result.plan.template, root: workspace.root, cwd: ctx.cwd });
          ctx.stdout(`\nSaved your answers to ${updated.id}; the draft is updated.\n`);
        } else {
          ctx.stdout('\nNothing answered; the draft is as collected.\n');
        }
      } finally {
        prompter.close();
      }
    }

    if (result.warnings.length > 0 && options.strict) {
      const n = result.warnings.length;
      throw new UserError('warnings', `${n} warning${n === 1 ? '' : 's'}: some evidence could not be collected.`, {
        exitCode: EXIT.warnings,
        hint: `The incident and its draft were saved all the same; the warnings above say what is missing. Collect it later with \`postmortem collect\`, or pass --no-strict to exit 0.`,
      });
    }
  } finally {
    db.close();
  }
}
