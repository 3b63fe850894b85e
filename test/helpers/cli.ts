import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/postmortem.js', import.meta.url));
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface RunOptions {
  cwd: string;
  env?: Record<string, string>;
  stdin?: string;
}

/** Runs the real `bin/postmortem.js` (black box) and returns [exitCode, stdout, stderr]. */
export function runCli(args: string[], options: RunOptions): Promise<[number, string, string]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd,
      env: { PATH: process.env.PATH ?? '', HOME: options.cwd, POSTMORTEM_NOW: '2026-01-06T09:00:00Z', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve([code ?? -1, stdout, stderr]));
    child.stdin.end(options.stdin ?? '');
  });
}
