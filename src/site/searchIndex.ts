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

export interface IndexSiteOptions {
  /** Called as each step ends ("start", "pages", "records", "write"), for measurements. */
  onStep?: (step: string) => void;
}

/**
 * Requests in flight to the Pagefind service at once: enough that it always has
 * a page to parse while this process reads and slims the next ones, few enough
 * that only a handful of pages are held in memory.
 */
const WINDOW = 32;

/**
 * Indexes the built site with Pagefind: the incident pages (their
 * `data-pagefind-*` attributes give title and filters) and the lesson and
 * action records the build listed in `search-records.json` (removed after).
 * Each page is handed to Pagefind as only what it would index
 * (`searchableHtml`), instead of letting it read and parse every whole page.
 * Writes `<outDir>/pagefind/`.
 */
export async function indexSite(outDir: string, options: IndexSiteOptions = {}): Promise<SearchIndexStats> {
  const step = options.onStep ?? (() => {});
  const pagefind = await import('pagefind');
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  try {
    step('start');
    const failures: string[] = [];
    const send = inWindow(WINDOW, (url: string, result: { errors: string[] }) => {
      if (result.errors.length) failures.push(`${url}: ${result.errors.join('; ')}`);
    });
    const pages = incidentPages(outDir);
    for (const page of pages) {
      const content = searchableHtml(fs.readFileSync(page.file, 'utf8'));
      await send(page.url, index.addHTMLFile({ url: page.url, content }));
    }
    await send.drain();
    if (failures.length) throw new Error(`Pagefind could not index the pages: ${failures.slice(0, 5).join('; ')}`);
    step('pages');
    const file = path.join(outDir, SEARCH_RECORDS_FILE);
    const records = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as SearchRecord[]) : [];
    fs.rmSync(file, { force: true });
    for (const record of records) {
      const added = index.addCustomRecord({ url: record.url, content: record.content, language: 'en', meta: { title: record.title }, filters: record.filters });
      await send(record.url, added);
    }
    await send.drain();
    if (failures.length) throw new Error(`Pagefind could not index the records: ${failures.slice(0, 5).join('; ')}`);
    step('records');
    const written = await index.writeFiles({ outputPath: path.join(outDir, 'pagefind') });
    if (written.errors.length) throw new Error(`Pagefind could not write its files: ${written.errors.join('; ')}`);
    step('write');
    const { files, bytes } = sizeOf(path.join(outDir, 'pagefind'));
    return { pages: pages.length, records: records.length, files, bytes };
  } finally {
    await pagefind.close();
  }
}

/** The built incident pages: `incidents/<id>/index.html`, with the URL Pagefind gives such a page. */
function incidentPages(outDir: string): { file: string; url: string }[] {
  const dir = path.join(outDir, 'incidents');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => ({ file: path.join(dir, entry.name, 'index.html'), url: `/incidents/${entry.name}/` }))
    .filter((page) => fs.existsSync(page.file))
    .sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
}

/**
 * Keeps at most `size` promises pending: `await send(key, promise)` returns at
 * once while there is room, else when the oldest settles. Results go to `done`.
 */
function inWindow<T>(size: number, done: (key: string, result: T) => void) {
  let pending: Promise<void>[] = [];
  const send = async (key: string, promise: Promise<T>): Promise<void> => {
    pending.push(promise.then((result) => done(key, result)));
    if (pending.length >= size) {
      await Promise.all(pending);
      pending = [];
    }
  };
  send.drain = async () => {
    await Promise.all(pending);
    pending = [];
  };
  return send;
}

const VOID_ELEMENTS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
/** A comment, or a tag with its name and attributes (quoted values may hold ">"). */
const TAG = /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][a-zA-Z0-9-]*)([^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*)>/g;
const BODY = /\sdata-pagefind-body(?=[\s=/]|$)/;
const IGNORE = /\sdata-pagefind-ignore(?=[\s=/]|$)/;
const IGNORE_ALL = /\sdata-pagefind-ignore\s*=\s*["']?all["'\s/]/;
const SEARCH_DATA = /\sdata-pagefind-(?:filter|meta|sort)(?=[\s=/]|$)/;

/**
 * What Pagefind reads of a page, as a small page: the elements marked
 * `data-pagefind-body` without their `data-pagefind-ignore` parts, plus the
 * elements carrying `data-pagefind-filter`, `-meta` or `-sort` from anywhere
 * else (Pagefind reads those outside the indexed text too, except inside
 * `data-pagefind-ignore="all"`), moved into an ignored element at the end of
 * the last body. Scripts and styles, which Pagefind never indexes, are left
 * out. Pagefind indexes the result as it would the whole page, parsing a
 * fraction of the bytes. A page without `data-pagefind-body` is returned as it is.
 */
export function searchableHtml(html: string): string {
  const tags = new RegExp(TAG.source, 'g');
  let kept = '';
  let lastClose = -1;
  const data: string[] = [];
  /** Open non-void elements around the scanner; the depth of the body it is in, if any. */
  let depth = 0;
  let bodyDepth = -1;
  /** Depth of the outermost ignored element the scanner is in, and whether it is `="all"`. */
  let ignoreDepth = -1;
  let ignoreAll = false;
  let textFrom = 0;
  for (let match = tags.exec(html); match; match = tags.exec(html)) {
    const [tag, closing, rawName, attributes = ''] = match;
    const inKept = bodyDepth >= 0 && ignoreDepth < 0;
    if (inKept) kept += html.slice(textFrom, match.index);
    textFrom = tags.lastIndex;
    if (!rawName) continue; // a comment
    const name = rawName.toLowerCase();
    if (closing) {
      depth -= 1;
      if (depth < ignoreDepth) ignoreDepth = -1;
      if (inKept) kept += tag;
      if (bodyDepth >= 0 && depth < bodyDepth) {
        bodyDepth = -1;
        lastClose = kept.length - tag.length;
      }
      continue;
    }
    if (name === 'script' || name === 'style') {
      const end = new RegExp(`</${name}\\s*>`, 'ig');
      end.lastIndex = tags.lastIndex;
      tags.lastIndex = end.exec(html) ? end.lastIndex : html.length;
      textFrom = tags.lastIndex;
      continue;
    }
    const isVoid = VOID_ELEMENTS.has(name) || attributes.endsWith('/');
    if (!isVoid) depth += 1;
    const marked = attributes.includes('data-pagefind-');
    if (marked && ignoreDepth < 0 && !isVoid && IGNORE.test(attributes)) {
      ignoreDepth = depth;
      ignoreAll = IGNORE_ALL.test(attributes);
    }
    if (marked && bodyDepth < 0 && ignoreDepth < 0 && !isVoid && BODY.test(attributes)) {
      bodyDepth = depth;
      kept += tag;
      continue;
    }
    if (bodyDepth >= 0 && ignoreDepth < 0) kept += tag;
    else if (marked && SEARCH_DATA.test(attributes) && !(ignoreDepth >= 0 && ignoreAll)) {
      // The element with its own text: the value, when the attribute names none.
      const textEnd = html.indexOf('<', tags.lastIndex);
      data.push(isVoid ? tag : `${tag}${html.slice(tags.lastIndex, textEnd < 0 ? html.length : textEnd)}</${name}>`);
    }
  }
  if (!kept) return html;
  if (bodyDepth >= 0) lastClose = kept.length; // a body left open: it ends with the page
  const moved = data.length ? `<div data-pagefind-ignore>${data.join('')}</div>` : '';
  return `<html><body>${kept.slice(0, lastClose)}${moved}${kept.slice(lastClose)}</body></html>`;
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
