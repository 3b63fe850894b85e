import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { markdownToSafeHtml } from '../render/html.js';

/** Bumped when the Markdown-to-HTML conversion changes, so old cache entries are not reused. */
const VERSION = '2';

export interface HtmlCacheStats {
  hits: number;
  misses: number;
}

/**
 * Markdown to sanitised HTML, cached on disk by content hash
 * (`<dir>/<2 hex>/<hash>.html`): a rebuild converts only what changed.
 * Without a directory it converts every time.
 */
export class HtmlCache {
  readonly stats: HtmlCacheStats = { hits: 0, misses: 0 };
  private readonly made = new Set<string>();

  constructor(private readonly dir: string | null) {}

  /** The sanitised HTML of `markdown`. */
  toHtml(markdown: string): string {
    if (!this.dir) {
      this.stats.misses += 1;
      return markdownToSafeHtml(markdown);
    }
    const hash = createHash('sha256').update(VERSION).update('\0').update(markdown).digest('hex').slice(0, 40);
    const folder = path.join(this.dir, hash.slice(0, 2));
    const file = path.join(folder, `${hash}.html`);
    try {
      const html = fs.readFileSync(file, 'utf8');
      this.stats.hits += 1;
      return html;
    } catch {
      // Not cached yet.
    }
    const html = markdownToSafeHtml(markdown);
    this.stats.misses += 1;
    if (!this.made.has(folder)) {
      fs.mkdirSync(folder, { recursive: true });
      this.made.add(folder);
    }
    // Written under a temporary name and renamed, so a concurrent build never reads half a file.
    const temp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, html);
    fs.renameSync(temp, file);
    return html;
  }
}
