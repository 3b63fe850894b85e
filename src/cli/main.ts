import { EXIT, UserError } from '../errors.js';
import { type Context, processContext } from './context.js';
import { buildProgram } from './program.js';

/**
 * The CLI entry and the one error sink: commands throw, this prints the
 * message and hint and returns the exit code (documented in the README).
 */
export async function main(argv: string[], ctx: Context = processContext()): Promise<number> {
  const program = buildProgram(ctx);
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    return report(error, ctx);
  }
}

function report(error: unknown, ctx: Pick<Context, 'stderr' | 'env'>): number {
  if (isCommanderError(error)) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.ok;
    // Commander already printed its message; add where to look.
    ctx.stderr('Run `postmortem --help` (or `postmortem COMMAND --help`) for usage and examples.\n');
    return EXIT.usage;
  }
  if (error instanceof UserError) {
    const lines = [`error: ${error.message}`, ...error.details.map((line) => `  ${line}`)];
    if (error.hint) lines.push(`hint: ${error.hint}`);
    ctx.stderr(`${lines.join('\n')}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? (ctx.env.POSTMORTEM_DEBUG ? (error.stack ?? error.message) : error.message) : String(error);
  ctx.stderr(
    `error: unexpected failure: ${message}\nhint: This is a bug in postmortem; please report it with the command you ran (set POSTMORTEM_DEBUG=1 for a stack trace). Database changes were rolled back.\n`,
  );
  return EXIT.failure;
}

/** Commander's own errors carry a `commander.*` code (checked by shape so commander loads only once, in program.ts). */
function isCommanderError(error: unknown): error is Error & { code: string; exitCode: number } {
  const code: unknown = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('commander.');
}
