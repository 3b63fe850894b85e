// The pages' one way to the data: the `incidents` collection as SiteIncident
// values, and what the list pages compute from it (src/site/views.ts), each
// computed once per build.
import path from 'node:path';
import { getCollection } from 'astro:content';
import { readDetail } from '../../../dist/site/detailStore.js';
import { readPlan } from '../../../dist/site/pagePlan.js';
import { readSiteEnv } from '../../../dist/site/siteEnv.js';
import type { SiteIncident } from '../../../dist/site/types.js';
import { actionGroups, actionRefs, byNewest, facetIndex, lessonGroups } from '../../../dist/site/views.js';

export { FACET_LABELS, FACETS, board, slugOf, trend } from '../../../dist/site/views.js';
export { trendChart } from '../../../dist/site/chart.js';
export { searchFilters, searchRecords } from '../../../dist/site/searchRecords.js';
export type { SiteIncident };

const memo = new Map<string, unknown>();
function once<T>(key: string, make: () => Promise<T>): Promise<T> {
  if (import.meta.env.DEV) return make();
  if (!memo.has(key)) memo.set(key, make());
  return memo.get(key) as Promise<T>;
}

/** Every incident on the site, newest first. */
export const incidents = () =>
  once('incidents', async () => (await getCollection('incidents')).map((entry) => entry.data as unknown as SiteIncident).sort(byNewest));
/** The incidents whose page this build renders: all but those carried over unchanged from the previous build (src/site/pagePlan.ts). */
export const incidentPages = () =>
  once('incidentPages', async () => {
    const carried = new Set(readPlan(readSiteEnv(process.env).pages?.planFile ?? null)?.carry ?? []);
    return (await incidents()).filter((incident) => !carried.has(incident.id));
  });
export const incidentIds = () => once('ids', async () => new Set((await incidents()).map((i) => i.id)));
export const facets = () => once('facets', async () => facetIndex(await incidents()));
export const actions = () => once('actions', async () => actionRefs(await incidents(), today()));
export const actionPages = () => once('actionPages', async () => actionGroups(await actions()));
export const lessons = () => once('lessons', async () => lessonGroups(await incidents()));

/** An incident's page detail (rendered postmortem, timeline, evidence), read from the site cache the loader filled. */
export function detailOf(incident: SiteIncident) {
  return readDetail(path.join(readSiteEnv(process.env).cacheDir, 'detail'), incident.detail);
}

/** "Today" for overdue items: set by `postmortem site build` (POSTMORTEM_NOW or the clock). */
export function today(): string {
  return process.env.POSTMORTEM_SITE_TODAY || new Date().toISOString().slice(0, 10);
}

/** A link inside the site, under its base path. */
export function href(path: string): string {
  const base = import.meta.env.BASE_URL.replace(/\/+$/, '');
  return `${base}/${path.replace(/^\/+/, '')}`;
}

export const incidentHref = (id: string) => href(`incidents/${id}/`);
