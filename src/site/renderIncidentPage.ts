import { withDerivedFacts } from '../record/derive.js';
import type { Incident } from '../record/schema.js';
import { renderIncident } from '../render/render.js';
import { writeDetail } from './detailStore.js';
import type { HtmlCache } from './htmlCache.js';
import { toSiteIncident } from './siteIncident.js';
import type { SiteIncident, SiteSimilar } from './types.js';

/** One incident to render for the site. */
export interface RenderJob {
  incident: Incident;
  /** "Seen before" links; a render worker finds them when absent (see `RenderPool`). */
  similar?: SiteSimilar[];
  /** The entry's digest; also the key of its detail file. */
  digest: string;
}

export interface RenderSettings {
  template: string;
  templatesDir: string | null;
  /** Where details are written (`<site cache>/detail`). */
  detailDir: string;
}

/**
 * Renders one incident for the site: derived facts, the CLI's template,
 * Markdown to safe HTML (through the cache), then the collection entry; the
 * page detail is written to the detail folder. Used by the loader directly and
 * by its render workers.
 */
export function renderIncidentPage(job: RenderJob, settings: RenderSettings, cache: HtmlCache): SiteIncident {
  const shown = withDerivedFacts(job.incident);
  const markdown = renderIncident(shown, { template: settings.template, templatesDirs: settings.templatesDir ? [settings.templatesDir] : [] });
  const { entry, detail } = toSiteIncident(shown, { html: cache.toHtml(markdown), similar: job.similar ?? [], detailKey: job.digest });
  writeDetail(settings.detailDir, job.digest, detail);
  return entry;
}
