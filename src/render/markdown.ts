/**
 * Pure Markdown escaping helpers for the view model. Templates run with
 * `noEscape: true`, so every value is made safe for the exact place it lands
 * (a table cell, a code span, a fenced block, a heading) before it reaches
 * Handlebars. Narrative fields are Markdown already and are never passed
 * through these helpers, except `indentBlock` to nest them in a list.
 */

/** What an empty table cell shows. */
export const EMPTY_CELL = '—';

/**
 * Makes text safe for one GFM table cell: pipes not already escaped become
 * `\|` (also inside code spans, where GFM removes the backslash again), line
 * breaks become `<br>`, outer whitespace is trimmed; empty text becomes "—".
 * Markdown inside the cell (code, emphasis, links) is kept.
 */
export function tableCell(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return EMPTY_CELL;
  if (!/[|\r\n]/.test(trimmed)) return trimmed;
  return trimmed
    .replace(/\r\n?/g, '\n')
    .replace(/(\\*)\|/g, (_match, slashes: string) => (slashes.length % 2 === 0 ? `${slashes}\\|` : `${slashes}|`))
    .replace(/[ \t]*\n[ \t]*/g, '<br>');
}

/**
 * Wraps text in a code span whose backtick fence is longer than any backtick
 * run inside. Pads with one space when the text starts or ends with a backtick
 * (or with a space on both ends, which CommonMark would otherwise strip).
 * Line breaks become spaces (a code span is one line). Empty text gives "".
 */
export function inlineCode(text: string): string {
  const value = /[\r\n]/.test(text) ? text.replace(/\r\n?|\n/g, ' ') : text;
  if (value === '') return '';
  const fence = '`'.repeat(longestRun(value, '`') + 1);
  const pad = value.startsWith('`') || value.endsWith('`') || (value.startsWith(' ') && value.endsWith(' ') && value.trim() !== '') ? ' ' : '';
  return `${fence}${pad}${value}${pad}${fence}`;
}

/**
 * The backtick fence for a fenced code block holding `text`: three backticks,
 * or one more than the longest backtick run inside, so the text cannot close it.
 */
export function codeFence(text: string): string {
  return text.includes('```') ? '`'.repeat(longestRun(text, '`') + 1) : '```';
}

/**
 * A complete fenced code block (no trailing newline). The info string keeps
 * only its first word and drops backticks, which GFM forbids there.
 */
export function fencedBlock(text: string, language: string | null = null): string {
  const body = trimBlock(text);
  const fence = codeFence(body);
  const info = (language ?? '').trim().split(/\s+/)[0]?.replace(/`/g, '') ?? '';
  return `${fence}${info}\n${body}\n${fence}`;
}

/**
 * Makes a single-line plain value safe inline (a heading, a list item, a
 * "**Label:** value" line) while leaving ordinary Markdown alone: line breaks
 * become spaces; a leading block marker (`#`, `>`, `-`, `+`, `*`, `1.`) and a
 * trailing ` #` (a heading's closing sequence) are backslash-escaped; `<` is
 * escaped where it would open HTML, so a stray `<!--` cannot swallow the rest
 * of the document. Emphasis, code spans and links pass through.
 */
export function escapeInline(text: string): string {
  const line = oneLine(text);
  const safe = line.includes('<') ? mapOutsideCode(line, (part) => part.replace(/<(?=[A-Za-z/!?])/g, '\\<')) : line;
  if (!/^[#>+*\-\d]|#$/.test(safe)) return safe;
  return safe
    .replace(/^(#{1,6}(?=\s|$)|>|[-+*](?=\s|$))/, '\\$1')
    .replace(/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2')
    .replace(/(\s)(#+)$/, '$1\\$2');
}

/** Applies `fn` to the parts of a line outside code spans. */
function mapOutsideCode(text: string, fn: (part: string) => string): string {
  let out = '';
  let index = 0;
  const opener = /`+/g;
  for (let match = opener.exec(text); match; match = opener.exec(text)) {
    const fence = match[0];
    const closer = new RegExp(`(?<!\`)${fence}(?!\`)`, 'g');
    closer.lastIndex = match.index + fence.length;
    const close = closer.exec(text);
    if (!close) continue;
    out += fn(text.slice(index, match.index)) + text.slice(match.index, close.index + fence.length);
    index = close.index + fence.length;
    opener.lastIndex = index;
  }
  return out + fn(text.slice(index));
}

/**
 * Normalises a Markdown block for insertion: CRLF to LF, leading and trailing
 * blank lines removed (trailing spaces on inner lines are kept: they can be
 * hard line breaks), and a fence left open is closed (`closeOpenFence`).
 */
export function normalizeBlock(text: string): string {
  return closeOpenFence(trimBlock(text));
}

/** CRLF to LF, leading blank lines and trailing whitespace removed: for code, which is never rewritten otherwise. */
export function trimBlock(text: string): string {
  const lf = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  return (/^[ \t]*\n/.test(lf) ? lf.replace(/^(?:[ \t]*\n)+/, '') : lf).trimEnd();
}

/** Puts text on one line: each line break and the spaces around it become one space; outer spaces trimmed. */
export function oneLine(text: string): string {
  if (!/[\r\n]/.test(text)) return text.trim();
  return text
    .split(/\r\n?|\n/)
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .join(' ');
}

/**
 * Appends a closing fence when a block ends inside a fenced code block, so a
 * forgotten fence in one field cannot swallow the rest of the report.
 */
export function closeOpenFence(text: string): string {
  if (!text.includes('```') && !text.includes('~~~')) return text;
  let open: { char: string; length: number } | null = null;
  for (const line of text.split('\n')) {
    const match = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
    if (!match) continue;
    const fence = match[1] ?? '';
    const char = fence.charAt(0);
    if (open === null) {
      if (char === '`' && (match[2] ?? '').includes('`')) continue;
      open = { char, length: fence.length };
    } else if (char === open.char && fence.length >= open.length && (match[2] ?? '').trim() === '') {
      open = null;
    }
  }
  return open === null ? text : `${text}\n${open.char.repeat(open.length)}`;
}

/**
 * Indents every non-blank line after the first by `width` spaces, so a
 * multi-line block continues a list item whose marker is `width` wide.
 */
export function indentContinuation(text: string, width: number): string {
  const pad = ' '.repeat(width);
  return normalizeBlock(text).replace(/\n(?=[^\n])/g, `\n${pad}`);
}

/** Indents every non-blank line (the first included) by `width` spaces. */
export function indentBlock(text: string, width: number): string {
  const pad = ' '.repeat(width);
  return text.replace(/^(?=[^\n])/gm, pad);
}

function longestRun(text: string, char: string): number {
  if (!text.includes(char)) return 0;
  let longest = 0;
  let current = 0;
  for (let i = 0; i < text.length; i += 1) {
    current = text[i] === char ? current + 1 : 0;
    if (current > longest) longest = current;
  }
  return longest;
}

/**
 * Shifts the ATX headings of a Markdown block (outside fenced code) so the
 * shallowest becomes `level`, keeping their nesting: a section body placed
 * under a `###` heading gets `####` sub-headings. Headings never go below
 * `######`; a block whose headings are already deep enough is unchanged.
 */
export function nestHeadings(text: string, level: number): string {
  if (!text.includes('#')) return text;
  const lines = text.split('\n');
  let fence: string | null = null;
  let shallowest = 7;
  const headingAt: boolean[] = lines.map((line) => {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker) {
      if (fence === null) fence = marker;
      else if (marker.charAt(0) === fence.charAt(0) && marker.length >= fence.length) fence = null;
      return false;
    }
    const depth = fence === null ? /^(#{1,6})(?=[ \t]|$)/.exec(line)?.[1]?.length : undefined;
    if (depth === undefined) return false;
    shallowest = Math.min(shallowest, depth);
    return true;
  });
  const shift = level - shallowest;
  if (shallowest === 7 || shift <= 0) return text;
  return lines
    .map((line, index) => (headingAt[index] ? `${'#'.repeat(Math.min(6, (/^#+/.exec(line)?.[0].length ?? 0) + shift))}${line.replace(/^#+/, '')}` : line))
    .join('\n');
}
