import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { SiteIncident } from './types.js';

/**
 * Which incident pages a build renders and which it carries over from the
 * previous build's output. An incident page depends only on its entry (the
 * record through its digest), its "seen before" links as shown (to incidents
 * still on the site), and the site's code, settings and base path (the build's
 * `salt`); a page whose key is the one the previous build wrote is moved over
 * instead of rendered again. List pages are always rendered.
 */

/** The keys of the incident pages a build wrote, kept in its output folder. */
export const PAGE_KEYS_FILE = '.postmortem-pages.json';

export interface PagePlan {
  /** Every incident page of this build: id → key. */
  keys: Record<string, string>;
  /** Ids whose page is carried over from the previous output, not rendered. */
  carry: string[];
}

/** The key of an incident's page (pure): what the page shows changes only when the key does. */
export function pageKey(salt: string, digest: string, entry: SiteIncident, included: ReadonlySet<string>): string {
  const shown = entry.similar.filter((s) => included.has(s.id));
  return createHash('sha1').update(salt).update('\0').update(digest).update('\0').update(JSON.stringify(shown)).digest('hex');
}

/** The plan (pure): pages whose key is unchanged and whose previous file exists are carried over. */
export function planPages(keys: Record<string, string>, previous: Record<string, string>, exists: (id: string) => boolean): PagePlan {
  const carry = Object.keys(keys).filter((id) => previous[id] === keys[id] && exists(id));
  return { keys, carry };
}

/** An incident page's file in a built site. */
export function incidentPageFile(outDir: string, id: string): string {
  return path.join(outDir, 'incidents', id, 'index.html');
}

/** The page keys a previous build wrote into `outDir`; none when it wrote none (or they cannot be read). */
export function readPageKeys(outDir: string): Record<string, string> {
  try {
    const keys = JSON.parse(fs.readFileSync(path.join(outDir, PAGE_KEYS_FILE), 'utf8')) as unknown;
    return keys && typeof keys === 'object' && !Array.isArray(keys) ? (keys as Record<string, string>) : {};
  } catch {
    return {};
  }
}

export function writePlan(file: string, plan: PagePlan): void {
  fs.writeFileSync(file, JSON.stringify(plan));
}

/** The plan the loader wrote; null when there is none (the dev server, or no previous build to carry from). */
export function readPlan(file: string | null): PagePlan | null {
  if (!file || !fs.existsSync(file)) return null;
  return JSON.parse(fs.readFileSync(file, 'utf8')) as PagePlan;
}

/**
 * Moves the carried pages from the previous output into the new one and
 * writes the keys of every incident page now in it; pages that could not be
 * moved lose their key, so the next build renders them.
 */
export function carryOver(plan: PagePlan, previousDir: string, outDir: string): number {
  const keys = { ...plan.keys };
  let moved = 0;
  for (const id of plan.carry) {
    const target = path.dirname(incidentPageFile(outDir, id));
    try {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.renameSync(path.dirname(incidentPageFile(previousDir, id)), target);
      moved += 1;
    } catch {
      delete keys[id];
    }
  }
  for (const id of Object.keys(keys)) if (!fs.existsSync(incidentPageFile(outDir, id))) delete keys[id];
  fs.writeFileSync(path.join(outDir, PAGE_KEYS_FILE), JSON.stringify(keys));
  return moved;
}

/**
 * A digest of what every page is made from besides the data: the Astro
 * project (`site/`: pages, components, styles, config), the compiled site code
 * (`dist/site/`) and Astro's version.
 */
export function siteCodeDigest(siteRoot: string, codeDir: string, astroVersion: string): string {
  const hash = createHash('sha1').update(astroVersion);
  const add = (file: string) => hash.update('\0').update(file).update('\0').update(fs.readFileSync(file));
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.isFile()) add(file);
    }
  };
  add(path.join(siteRoot, 'astro.config.mjs'));
  walk(path.join(siteRoot, 'src'));
  walk(codeDir);
  return hash.digest('hex');
}
