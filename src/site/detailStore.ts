import fs from 'node:fs';
import path from 'node:path';
import type { SiteIncidentDetail } from './types.js';

/**
 * The incidents' page details (`SiteIncidentDetail`), one JSON file per
 * version under the site cache: `<dir>/<2 hex>/<key>.json`. The loader writes
 * them, the incident pages read them; the key is the entry's digest, so a
 * changed incident gets a new file and an unchanged one keeps its own.
 */
export function detailFile(dir: string, key: string): string {
  return path.join(dir, key.slice(0, 2), `${key}.json`);
}

/** Writes one detail (under a temporary name first, so a concurrent build never reads half a file). */
export function writeDetail(dir: string, key: string, detail: SiteIncidentDetail): void {
  const file = detailFile(dir, key);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, JSON.stringify(detail));
  fs.renameSync(temp, file);
}

/** Reads one detail back. */
export function readDetail(dir: string, key: string): SiteIncidentDetail {
  return JSON.parse(fs.readFileSync(detailFile(dir, key), 'utf8')) as SiteIncidentDetail;
}
