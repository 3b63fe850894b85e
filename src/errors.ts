/**
 * Errors the CLI turns into a message, a hint and an exit code. Library code
 * throws these; only `cli/main.ts` prints them (the one error sink).
 */

/** Exit codes, documented in the README. */
export const EXIT = {
  ok: 0,
  /** Something failed; see the message. */
  failure: 1,
  /** The command line itself was wrong (unknown option, missing argument). */
  usage: 2,
  /** Input was invalid (bad date, bad record file); nothing was written. */
  invalidInput: 3,
  /** The incident, action or file named does not exist. */
  notFound: 4,
  /** An import met newer local changes; both sides were kept. */
  conflict: 5,
  /** The database cannot be used (unreadable, newer version, locked too long). */
  database: 6,
  /** The work was done and saved, but with warnings, and --strict was given. */
  warnings: 7,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export interface UserErrorOptions {
  hint?: string;
  exitCode?: ExitCode;
  cause?: unknown;
  /** Extra lines (per-field problems, per-file conflicts). */
  details?: string[];
}

/** An error the user can act on: what happened, and a hint on what to do next. */
export class UserError extends Error {
  readonly code: string;
  readonly hint: string | undefined;
  readonly exitCode: ExitCode;
  readonly details: string[];

  constructor(code: string, message: string, options: UserErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'UserError';
    this.code = code;
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? EXIT.failure;
    this.details = options.details ?? [];
  }
}

export function notFound(what: string, hint: string): UserError {
  return new UserError('not-found', `${what} does not exist.`, { hint, exitCode: EXIT.notFound });
}
