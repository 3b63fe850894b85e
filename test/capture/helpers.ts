import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT, runCli } from '../helpers/cli.js';

/** The bundled example's raw evidence. */
export const EXAMPLE = path.join(REPO_ROOT, 'incidents', '2026-01-05-migration-0021-duplicate-table');
export const EXAMPLE_ID = '2026-01-05-migration-0021-duplicate-table';
export const EXAMPLE_TITLE = 'Railway deployment crashed: migration 0021 DuplicateTable';

/** The demo's helpers (plain JS in scripts/demo/), loaded by URL. */
export async function demoHelpers(): Promise<{
  makeFixRepo: (dir: string) => string;
  startStandIn: () => Promise<{ url: string; close: () => Promise<void> }>;
}> {
  const fixRepo = (await import(pathToFileURL(path.join(REPO_ROOT, 'scripts', 'demo', 'fixRepo.js')).href)) as { makeFixRepo: (dir: string) => string };
  const standIn = (await import(pathToFileURL(path.join(REPO_ROOT, 'scripts', 'demo', 'standIn.js')).href)) as {
    startStandIn: () => Promise<{ url: string; close: () => Promise<void> }>;
  };
  return { makeFixRepo: fixRepo.makeFixRepo, startStandIn: standIn.startStandIn };
}

/** A workspace made by `postmortem init` in `dir`. */
export async function initWorkspace(dir: string): Promise<string> {
  fs.mkdirSync(dir, { recursive: true });
  const [code, , stderr] = await runCli(['init'], { cwd: dir });
  if (code !== 0) throw new Error(`init failed: ${stderr}`);
  return dir;
}

/** The record as `show --json` prints it. */
export async function showJson(cwd: string, id: string): Promise<Record<string, unknown> & { evidence: Record<string, unknown[]> }> {
  const [code, stdout, stderr] = await runCli(['show', id, '--json'], { cwd });
  if (code !== 0) throw new Error(`show failed: ${stderr}`);
  return JSON.parse(stdout);
}

/** A server on 127.0.0.1 that accepts connections and never answers. */
export async function silentServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer(() => {
    // Never answers.
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Measured latencies differ from run to run: `(HTTP 200, 93 ms)` → `(HTTP 200, … ms)`. */
export function withoutLatencies(markdown: string): string {
  return markdown.replace(/(HTTP \d{3}), \d+(?:\.\d+)? ms\)/g, '$1, … ms)');
}
