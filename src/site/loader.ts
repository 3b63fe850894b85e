import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Loader } from 'astro/loaders';
import { iterateIncidents } from '../db/incidentStore.js';
import { openDatabase } from '../db/open.js';
import { similarIncidentsFinder } from '../similar/similar.js';
import { detailFile } from './detailStore.js';
import { HtmlCache } from './htmlCache.js';
import { incidentPageFile, pageKey, planPages, readPageKeys, writePlan } from './pagePlan.js';
import { type RenderJob, type RenderSettings, renderIncidentPage } from './renderIncidentPage.js';
import { RenderPool } from './renderPool.js';
import { seenBefore } from './similar.js';
import { readSiteEnv } from './siteEnv.js';
import type { SiteIncident } from './types.js';

/** Bumped when `SiteIncident` or its detail changes shape, so stored entries are rebuilt. */
const DATA_VERSION = '3';
/** Below this many incidents to render, starting worker threads costs more than it saves. */
const POOL_THRESHOLD = 200;
/** Jobs sent to a worker at a time. */
const BATCH = 50;

/**
 * The Astro content loader of the `incidents` collection: reads the workspace
 * database (named by `POSTMORTEM_SITE_DB`) through the project's own store and
 * gives one `SiteIncident` per incident, published ones only unless
 * `POSTMORTEM_SITE_DRAFTS=1`. An entry whose record and settings are
 * unchanged since the last build is kept as it is, so a
 * rebuild renders only what changed; Markdown is converted through the
 * on-disk HTML cache, on worker threads when there is much to render.
 */
export function postmortemLoader(): Loader {
  return {
    name: 'postmortem-database',
    load: async ({ store, logger }) => {
      const env = readSiteEnv(process.env);
      const htmlDir = path.join(env.cacheDir, 'html');
      const settings: RenderSettings = { template: env.template, templatesDir: env.templatesDir, detailDir: path.join(env.cacheDir, 'detail') };
      const salt = [DATA_VERSION, env.template, env.templatesDir ?? ''].join('\0');
      const seen = new Set<string>();
      // Entries are stored all at once at the end: Astro saves its store 500 ms after the
      // last change, and a save still running when the load ends can leave a stale file.
      const made: Array<{ entry: SiteIncident; digest: string }> = [];
      const keep = (entry: SiteIncident, digest: string) => made.push({ entry, digest });
      // Jobs are rendered in this thread until there are many; then on worker
      // threads, streamed in batches so only what is in flight is held in memory.
      const buffered: RenderJob[] = [];
      let pool: RenderPool | null = null;
      const digests = new Map<string, string>();
      const flush = async () => {
        if (!pool) pool = new RenderPool(settings, htmlDir, { db: env.db, included });
        const batch = buffered.splice(0);
        for (const job of batch) digests.set(job.incident.id, job.digest);
        await pool.render(batch, (entry) => keep(entry, digests.get(entry.id) as string));
      };
      const db = openDatabase(env.db);
      const included = new Set(
        db
          .prepare(`SELECT id FROM incidents${env.drafts ? '' : " WHERE status = 'published'"}`)
          .pluck()
          .all() as string[],
      );
      try {
        for (const incident of iterateIncidents(db)) {
          if (!included.has(incident.id)) continue;
          seen.add(incident.id);
          const digest = createHash('sha1').update(salt).update(JSON.stringify(incident)).digest('hex');
          if (store.get(incident.id)?.digest === digest && fs.existsSync(detailFile(settings.detailDir, digest))) continue;
          // "Seen before" links are found for what is rendered only (they point at earlier
          // incidents, which a new one does not change); pages drop links to pages gone since.
          // The render workers find them, in parallel; below the pool's threshold, this thread.
          buffered.push({ incident, digest });
          if (buffered.length >= (pool ? BATCH : POOL_THRESHOLD)) await flush();
        }
        if (pool && buffered.length) await flush();
        if (pool) await (pool as RenderPool).finish();
        else {
          const cache = new HtmlCache(htmlDir);
          const links = similarIncidentsFinder(db, { titles: 'preloaded' });
          for (const job of buffered) keep(renderIncidentPage({ ...job, similar: seenBefore(links, job.incident.id, included) }, settings, cache), job.digest);
        }
      } finally {
        db.close();
      }
      for (const { entry, digest } of made) store.set({ id: entry.id, data: entry as unknown as Record<string, unknown>, digest });
      for (const id of store.keys()) if (!seen.has(id)) store.delete(id);
      logger.info(`${seen.size} incidents: ${made.length} rendered, ${seen.size - made.length} unchanged`);
      if (env.pages) {
        const { previousDir, planFile, salt } = env.pages;
        const keys: Record<string, string> = {};
        for (const id of seen) {
          const stored = store.get(id);
          if (stored?.digest) keys[id] = pageKey(salt, String(stored.digest), stored.data as unknown as SiteIncident, included);
        }
        const plan = previousDir ? planPages(keys, readPageKeys(previousDir), (id) => fs.existsSync(incidentPageFile(previousDir, id))) : { keys, carry: [] };
        writePlan(planFile, plan);
        logger.info(`${plan.carry.length} incident pages unchanged since the last build, carried over`);
      }
    },
  };
}
