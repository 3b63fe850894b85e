/**
 * The part of a patch a postmortem shows: hunks of one file, capped in lines and bytes.
 * Pure: `collectCommits` runs `git show` and passes the patch text here.
 */

export interface DiffExcerptLimits {
  /** Most lines kept (default 80). */
  maxLines?: number;
  /** Most bytes kept, UTF-8 (default 8 KB). */
  maxBytes?: number;
}

interface Hunk {
  index: number;
  lines: string[];
  changed: number;
  bytes: number;
}

/**
 * Keeps the hunks (`@@ … @@` and the lines under them) of a one-file patch, dropping the
 * `diff --git`, `index`, `---` and `+++` headers. When all hunks do not fit, the largest
 * (most changed lines) are kept, shown in file order; a single hunk too large is cut and
 * ends with a `... (N more lines)` line. Null when the patch has no hunks (a binary file).
 */
export function diffExcerpt(patch: string, limits: DiffExcerptLimits = {}): string | null {
  const maxLines = limits.maxLines ?? 80;
  const maxBytes = limits.maxBytes ?? 8 * 1024;
  const hunks = splitHunks(patch);
  if (hunks.length === 0) return null;

  const chosen: Hunk[] = [];
  let lines = 0;
  let bytes = 0;
  for (const hunk of [...hunks].sort((a, b) => b.changed - a.changed || a.index - b.index)) {
    if (lines + hunk.lines.length <= maxLines && bytes + hunk.bytes <= maxBytes) {
      chosen.push(hunk);
      lines += hunk.lines.length;
      bytes += hunk.bytes;
    }
  }
  if (chosen.length > 0) {
    return chosen
      .sort((a, b) => a.index - b.index)
      .flatMap((hunk) => hunk.lines)
      .join('\n');
  }

  // Even the smallest hunk is too big: cut the largest one.
  const largest = [...hunks].sort((a, b) => b.changed - a.changed || a.index - b.index)[0];
  if (!largest) return null;
  const kept: string[] = [];
  let keptBytes = 0;
  for (const line of largest.lines) {
    const size = byteLength(line) + 1;
    // Room for the closing marker line.
    if (kept.length + 1 >= maxLines || keptBytes + size + 32 > maxBytes) break;
    kept.push(line);
    keptBytes += size;
  }
  kept.push(`... (${largest.lines.length - kept.length} more lines)`);
  return kept.join('\n');
}

function splitHunks(patch: string): Hunk[] {
  const hunks: Hunk[] = [];
  let current: Hunk | null = null;
  for (const line of patch.replace(/\r\n/g, '\n').split('\n')) {
    if (line.startsWith('@@')) {
      current = { index: hunks.length, lines: [line], changed: 0, bytes: byteLength(line) + 1 };
      hunks.push(current);
      continue;
    }
    if (!current) continue;
    if (line.startsWith('diff --git ')) {
      current = null;
      continue;
    }
    // `\ No newline at end of file` and the blank tail after the last hunk.
    if (line.startsWith('\\') || line === '') continue;
    current.lines.push(line);
    current.bytes += byteLength(line) + 1;
    if (line.startsWith('+') || line.startsWith('-')) current.changed++;
  }
  return hunks;
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
