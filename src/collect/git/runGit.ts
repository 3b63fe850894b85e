import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { UserError } from '../../errors.js';

/** What one git run printed. */
export interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

// Settings a user's config could set that would change what we parse.
const CONFIG_OVERRIDES = [
  'log.showSignature=false',
  'log.follow=false',
  'log.showRoot=true',
  'core.quotePath=false',
  'diff.relative=false',
  'diff.suppressBlankEmpty=false',
  'i18n.logOutputEncoding=UTF-8',
];

// Variables that would point git at another repository than `cwd`.
const REPO_VARIABLES = [
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_INDEX_FILE',
  'GIT_OBJECT_DIRECTORY',
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_NAMESPACE',
  'GIT_CEILING_DIRECTORIES',
];

/**
 * Runs `git <args>` in `cwd` without a shell, collecting stdout whatever its size; `input`
 * is written to its stdin. Never throws for a non-zero exit (the caller reads `code` and
 * `stderr`); throws a UserError when git is not installed.
 */
export function runGit(args: readonly string[], cwd: string, input?: string): Promise<GitResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', GIT_PAGER: 'cat', LC_ALL: 'C', LANGUAGE: 'C' };
  for (const name of REPO_VARIABLES) delete env[name];
  const fullArgs = [...CONFIG_OVERRIDES.flatMap((setting) => ['-c', setting]), ...args];
  return new Promise((resolve, reject) => {
    const child = spawn('git', fullArgs, {
      cwd,
      env,
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      windowsHide: true,
    }) as ChildProcessWithoutNullStreams;
    if (input !== undefined) {
      // git may exit before reading it all (a failure): that is reported by its exit code, not as EPIPE.
      child.stdin.on('error', () => {});
      child.stdin.end(input);
    }
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') {
        reject(
          new UserError('git-missing', 'git is not installed (or not on PATH), so commits cannot be collected.', {
            hint: 'Install git (https://git-scm.com/downloads) and run the command again; nothing was written.',
            cause: error,
          }),
        );
      } else reject(error);
    });
    child.on('close', (code) => {
      resolve({ code: code ?? 1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}
