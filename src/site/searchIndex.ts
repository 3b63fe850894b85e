import fs from 'node:fs';
import path from 'node:path';

/** The file the site's `search-records.json` endpoint writes: lessons and action items as search records. */
export const SEARCH_RECORDS_FILE = 'search-records.json';

/** One lesson or action item, searchable on its own and linking to its place on the incident page. */
export interface SearchRecord {
  /** Site-relative URL without the base: "/incidents/<id>/#lesson-1". */
  url: string;
  title: string;
  content: string;
  filters: Record<string, string[]>;
}

export interface SearchIndexStats {
  /** Pages and records indexed. */
  pages: number;
  records: number;
  /** Files and bytes Pagefind wrote. */
  files: number;
  bytes: number;
}

/**
 * Indexes the built site with Pagefind: the incident pages (their
 * `data-pagefind-*` attributes give title and filters) and the lesson and
 * action records the build listed in `search-records.json` (removed after).
 * Writes `<outDir>/pagefind/`.
 */
export async function indexSite(outDir: string): Promise<SearchIndexStats> {
  const pagefind = await import('pagefind');
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  try {
    const added = await index.addDirectory({ path: outDir, glob: 'incidents/*/index.html' });
    if (added.errors.length) throw new Error(`Pagefind could not index the pages: ${added.errors.join('; ')}`);
    const file = path.join(outDir, SEARCH_RECORDS_FILE);
    const records = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as SearchRecord[]) : [];
    fs.rmSync(file, { force: true });
    await Promise.all(
      records.map(async (record) => {
        const result = await index.addCustomRecord({
          url: record.url,
          content: record.content,
          language: 'en',
          meta: { title: record.title },
          filters: record.filters,
        });
        if (result.errors.length) throw new Error(`Pagefind could not index ${record.url}: ${result.errors.join('; ')}`);
      }),
    );
    const written = await index.writeFiles({ outputPath: path.join(outDir, 'pagefind') });
    if (written.errors.length) throw new Error(`Pagefind could not write its files: ${written.errors.join('; ')}`);
    const { files, bytes } = sizeOf(path.join(outDir, 'pagefind'));
    return { pages: added.page_count, records: records.length, files, bytes };
  } finally {
    await pagefind.close();
  }
}

function sizeOf(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    files += 1;
    bytes += fs.statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return { files, bytes };
}
