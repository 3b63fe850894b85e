import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import { EXIT, UserError } from '../errors.js';
import { carryOver, readPlan, siteCodeDigest } from './pagePlan.js';
import { indexSite, type SearchIndexStats } from './searchIndex.js';
import { type SiteEnv, siteEnvVariables } from './siteEnv.js';

/** Written into every built site; a folder holding anything else is never emptied. */
export const SITE_MARKER = '.postmortem-site.json';

export interface SiteBuildOptions extends SiteEnv {
  /** Absolute output folder. */
  outDir: string;
  /** URL path the site is served under ("/", "/kb/"). */
  base: string;
  /** Folder for Astro's own cache (its data store), so a rebuild reuses unchanged entries. */
  astroCacheDir: string;
  /** Astro's log level; "warn" keeps the command quiet. */
  logLevel?: 'debug' | 'info' | 'warn' | 'error' | 'silent';
}

export interface SiteBuildResult {
  outDir: string;
  /** HTML pages written. */
  pages: number;
  /** Incident pages written. */
  incidents: number;
  search: SearchIndexStats;
  /** Seconds for the Astro build and for indexing. */
  seconds: { astro: number; search: number; total: number };
}

/** The Astro project (`site/`) shipped with the package. */
export function siteRoot(): string {
  return fileURLToPath(new URL('../../site/', import.meta.url));
}

/**
 * Builds the static knowledge base: the Astro project in `site/` reads the
 * database through its content loader (told where by environment variables),
 * then Pagefind indexes the pages. Refuses to empty a folder that is not a
 * previous site build.
 */
export async function buildSite(options: SiteBuildOptions): Promise<SiteBuildResult> {
  checkOutDir(options.outDir);
  // Rendering thousands of pages allocates many short-lived strings: a larger young
  // generation means far fewer scavenges (it only grows when the build needs it).
  v8.setFlagsFromString('--max-semi-space-size=64');
  const started = performance.now();
  const { build } = await importAstro();
  // The previous site is moved aside rather than emptied by Astro (seconds for a large site,
  // on the build's critical path): its unchanged incident pages are carried over, then it is deleted.
  const previousDir = moveAside(options.outDir);
  const salt = createHash('sha1')
    .update(siteCodeDigest(siteRoot(), fileURLToPath(new URL('.', import.meta.url)), await astroVersion()))
    .update(options.base)
    .digest('hex');
  const { removed } = await inScratchDir(async (scratch) => {
    const pages = { previousDir, planFile: path.join(scratch, 'page-plan.json'), salt };
    const remove = () => (previousDir ? fs.promises.rm(previousDir, { recursive: true, force: true }).catch(() => undefined) : null);
    try {
      await withEnv({ ...siteEnvVariables({ ...options, pages }), ASTRO_TELEMETRY_DISABLED: '1' }, () =>
        build({
          root: siteRoot(),
          outDir: options.outDir,
          base: options.base,
          cacheDir: options.astroCacheDir,
          logLevel: options.logLevel ?? 'warn',
          vite: previousDir ? { build: { emptyOutDir: false } } : {},
        }),
      );
    } catch (error) {
      await remove();
      throw error;
    }
    const plan = readPlan(pages.planFile);
    if (plan) carryOver(plan, previousDir ?? options.outDir, options.outDir);
    // Deleted while Pagefind indexes.
    return { removed: remove() };
  });
  const astroDone = performance.now();
  const search = await indexSite(options.outDir);
  await removed;
  const done = performance.now();
  const pages = countPages(options.outDir);
  fs.writeFileSync(path.join(options.outDir, SITE_MARKER), `${JSON.stringify({ generator: 'postmortem site build', pages: pages.all }, null, 2)}\n`);
  return {
    outDir: options.outDir,
    pages: pages.all,
    incidents: pages.incidents,
    search,
    seconds: { astro: (astroDone - started) / 1000, search: (done - astroDone) / 1000, total: (done - started) / 1000 },
  };
}

/** Loads Astro (large) only when a site is built. */
async function importAstro(): Promise<typeof import('astro')> {
  return import('astro');
}

/** Sets environment variables for the duration of `run` (Astro's loader runs in this process and reads them). */
export async function withEnv<T>(variables: Record<string, string>, run: () => Promise<T>): Promise<T> {
  const previous = new Map(Object.keys(variables).map((key) => [key, process.env[key]]));
  Object.assign(process.env, variables);
  try {
    return await run();
  } finally {
    for (const [key, value] of previous) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

/**
 * Runs the build from a fresh folder inside `site/`. Astro renders pages from
 * server chunks it writes into the output folder when that folder is under the
 * working directory, where their imports of Astro's own packages cannot be
 * resolved; from here it writes them to `./.astro/` instead, beside the
 * package's node_modules, and each build has its own.
 */
async function inScratchDir<T>(run: (scratch: string) => Promise<T>): Promise<T> {
  const scratch = path.join(siteRoot(), '.astro', `build-${process.pid}-${Date.now()}`);
  fs.mkdirSync(scratch, { recursive: true });
  const previous = process.cwd();
  process.chdir(scratch);
  try {
    return await run(scratch);
  } finally {
    process.chdir(previous);
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Renames a previous build's folder to a hidden sibling, leaving `outDir` new
 * and empty, and returns the sibling's path; null (Astro empties the folder
 * itself) when there is none or it cannot be renamed (another file system, a mount point).
 */
function moveAside(outDir: string): string | null {
  if (!fs.existsSync(outDir)) return null;
  const aside = path.join(path.dirname(outDir), `.${path.basename(outDir)}.old-${process.pid}-${Date.now()}`);
  try {
    fs.renameSync(outDir, aside);
  } catch {
    return null;
  }
  fs.mkdirSync(outDir, { recursive: true });
  return aside;
}

/** Astro's version, part of what the pages are made from. */
async function astroVersion(): Promise<string> {
  const { default: pkg } = (await import('astro/package.json', { with: { type: 'json' } })) as { default: { version: string } };
  return pkg.version;
}

function checkOutDir(outDir: string): void {
  let entries: string[];
  try {
    entries = fs.readdirSync(outDir);
  } catch {
    return;
  }
  // _astro/: a build that stopped before writing the marker.
  if (entries.length === 0 || entries.includes(SITE_MARKER) || entries.includes('_astro')) return;
  throw new UserError('site-out-not-empty', `${outDir} is not empty and is not a site built by postmortem: building would delete what it holds.`, {
    exitCode: EXIT.usage,
    hint: 'Pass --out with an empty or new folder (the default is .postmortem/site in the workspace). Nothing was written.',
  });
}

function countPages(outDir: string): { all: number; incidents: number } {
  let all = 0;
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (entry.name !== 'pagefind' && entry.name !== '_astro') walk(path.join(dir, entry.name));
      } else if (entry.name.endsWith('.html')) all += 1;
    }
  };
  walk(outDir);
  const incidentsDir = path.join(outDir, 'incidents');
  const incidents = fs.existsSync(incidentsDir)
    ? fs.readdirSync(incidentsDir, { withFileTypes: true }).filter((e) => e.isDirectory() && fs.existsSync(path.join(incidentsDir, e.name, 'index.html')))
        .length
    : 0;
  return { all, incidents };
}
