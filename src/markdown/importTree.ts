import type { StateInline, Token } from 'markdown-it';
import MarkdownIt from 'markdown-it';
import type { Definition, Html, List, ListItem, Paragraph, PhrasingContent, Root, RootContent, Table, TableCell, TableRow, Text } from 'mdast';
import { parseMarkdownTree } from './parseTree.js';

/*
 * The import reads an mdast tree in a few narrow ways: block types, heading
 * depths, task-list checks, plain text (values, `alt`) and the source offsets of
 * top-level blocks, of the items of top-level lists and their children, and of
 * table cell contents. markdown-it tokenizes the same CommonMark + GFM table
 * syntax about ten times faster than micromark, so its token stream is turned
 * into exactly that subset here (inline nodes carry offsets only at the edges
 * of table cells; reference links become links, which read the same). Whatever
 * it cannot map with certainty (CR line endings, reference images, a table it
 * splits differently, indented code micromark reads differently, very deep
 * nesting...) is parsed by micromark instead: the result never depends on which
 * parser ran. test/markdown/importTree.test.ts holds the two together.
 */

/** markdown-it's commonmark preset stops nesting at 20 levels (and drops what is deeper); micromark does not. */
const SAFE_LEVEL = 16;
const parser = new MarkdownIt('commonmark', { html: true }).enable('table');
// micromark keeps an autolink's text as written and accepts every URL scheme.
parser.normalizeLinkText = (url) => url;
parser.validateLink = () => true;
// markdown-it's inline state carries these two caches for its backtick rule; its types omit them.
parser.inline.ruler.at('backticks', codeSpan as (state: StateInline, silent: boolean) => boolean);

/**
 * markdown-it's code span rule, keeping what mdast keeps: line endings stay in
 * the value, and one space or line ending is stripped from each side only when
 * both sides have one and the code is not all spaces.
 */
function codeSpan(state: StateInline & { backticks: Record<number, number>; backticksScanned: boolean }, silent: boolean): boolean {
  const start = state.pos;
  if (state.src.charCodeAt(start) !== 0x60) return false;
  let pos = start + 1;
  while (pos < state.posMax && state.src.charCodeAt(pos) === 0x60) pos++;
  const marker = state.src.slice(start, pos);
  // A run already known to have no closer of its length is plain text.
  if (state.backticksScanned && (state.backticks[marker.length] ?? 0) <= start) {
    if (!silent) state.pending += marker;
    state.pos += marker.length;
    return true;
  }
  let closeEnd = pos;
  for (let closeStart = state.src.indexOf('`', closeEnd); closeStart !== -1; closeStart = state.src.indexOf('`', closeEnd)) {
    closeEnd = closeStart + 1;
    while (closeEnd < state.posMax && state.src.charCodeAt(closeEnd) === 0x60) closeEnd++;
    if (closeEnd - closeStart === marker.length) {
      if (!silent) {
        const token = state.push('code_inline', 'code', 0);
        token.markup = marker;
        const raw = state.src.slice(pos, closeStart);
        token.content = /^[ \n][\s\S]*[ \n]$/.test(raw) && /[^ \n]/.test(raw) ? raw.slice(1, -1) : raw;
      }
      state.pos = closeEnd;
      return true;
    }
    state.backticks[closeEnd - closeStart] = closeStart;
  }
  state.backticksScanned = true;
  if (!silent) state.pending += marker;
  state.pos += marker.length;
  return true;
}

/** A line after the first that could be a table's delimiter row (`|---|:-:|`, `-|-`). */
const DELIMITER_ROW = /\n[ \t]*(?:\|[ \t]*)?:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*(?:\n|$)/;

/**
 * Whitespace that String#trim removes but CommonMark keeps (no-break space,
 * BOM...) at the start or end of a line: markdown-it trims it from paragraphs,
 * headings and cells, micromark keeps it as text.
 */
const EDGE_SPACE =
  /^[ \t]*[\v\f\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]|[\v\f\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff][ \t]*$/m;

/** Thrown (and caught below) where the token stream cannot be mapped exactly. */
class Unmappable extends Error {}

/**
 * Parses Markdown into the mdast subset the importer reads (see the comment
 * above): markdown-it when it maps exactly, micromark otherwise.
 */
export function parseImportTree(source: string): Root {
  return mapTokens(source) ?? parseMarkdownTree(source);
}

/** The markdown-it based tree, or null when this document needs micromark. */
export function mapTokens(source: string): Root | null {
  // markdown-it normalises CR and NUL, which would shift offsets and values.
  if (/[\r\0]/.test(source) || EDGE_SPACE.test(source)) return null;
  const env: { references?: Record<string, unknown> } = {};
  const tokens = parser.parse(source, env);
  // A reference image is an imageReference in mdast, without the alt text an image has.
  if (env.references && Object.keys(env.references).length > 0 && source.includes('![')) return null;
  try {
    const lines = new Lines(source);
    const children = new BlockReader(tokens, lines).readUntil(null, 'top', [0, lines.starts.length]);
    return { type: 'root', children };
  } catch (error) {
    if (error instanceof Unmappable) return null;
    throw error;
  }
}

/** Line offsets of the source: markdown-it's maps are line numbers. Blank means spaces and tabs only, as for markdown-it. */
class Lines {
  readonly starts: number[] = [0];
  constructor(readonly source: string) {
    for (let at = source.indexOf('\n'); at !== -1; at = source.indexOf('\n', at + 1)) this.starts.push(at + 1);
  }
  start(line: number): number {
    const start = this.starts[line];
    if (start === undefined) throw new Unmappable('line out of range');
    return start;
  }
  /** Offset of the line's end: micromark's blocks end there, trailing spaces included. */
  end(line: number): number {
    const next = this.starts[line + 1];
    if (next === undefined && line !== this.starts.length - 1) throw new Unmappable('line out of range');
    return next === undefined ? this.source.length : next - 1;
  }
  text(line: number): string {
    return this.source.slice(this.start(line), this.end(line));
  }
  /** Offset of the first character from column `from` on that is not a space or tab (the line end when blank). */
  firstContent(line: number, from = 0): number {
    const end = this.end(line);
    let at = this.start(line) + from;
    while (at < end && isSpaceOrTab(this.source.charCodeAt(at))) at++;
    return at;
  }
  /** Offset just after the last character that is not a space or tab. */
  contentEnd(line: number): number {
    const start = this.start(line);
    let at = this.end(line);
    while (at > start && isSpaceOrTab(this.source.charCodeAt(at - 1))) at--;
    return at;
  }
  isBlank(line: number): boolean {
    return this.firstContent(line) === this.end(line);
  }
  /** The last line in [from, to) that is not blank. */
  lastFilled(from: number, to: number): number {
    for (let line = to - 1; line >= from; line--) if (!this.isBlank(line)) return line;
    throw new Unmappable('no content line');
  }
}

function isSpaceOrTab(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

/** Where a block sits: only top-level blocks and top-level list items get offsets. */
type Place = 'top' | 'item' | 'inner';

function mapOf(token: Token): [number, number] {
  if (!token.map) throw new Unmappable(`${token.type} without a line map`);
  if (token.level >= SAFE_LEVEL) throw new Unmappable('nesting too deep');
  return [token.map[0], token.map[1]];
}

function position(start: number, end: number) {
  // Lines and columns are not read by the import; offsets are.
  return { start: { line: 0, column: 0, offset: start }, end: { line: 0, column: 0, offset: end } };
}

class BlockReader {
  index = 0;
  /** The block before the one being read, among its siblings. */
  previous: RootContent | undefined;
  constructor(
    readonly tokens: Token[],
    readonly lines: Lines,
  ) {}

  next(): Token {
    const token = this.tokens[this.index++];
    if (!token) throw new Unmappable('token stream ended early');
    return token;
  }

  /**
   * Reads blocks up to the closing token `close` (the end of the stream when
   * null). markdown-it leaves link definitions out of its tokens: at the top
   * level the lines between blocks become definition nodes; inside a top-level
   * list item, where offsets count, such a line sends the document to micromark.
   */
  readUntil(close: string | null, place: Place, lines: readonly [number, number] = [0, 0]): RootContent[] {
    const nodes: RootContent[] = [];
    let covered = lines[0];
    const gap = (before: number) => {
      if (place === 'top') nodes.push(...this.definitions(covered, before));
      else if (place === 'item')
        for (let line = covered; line < before; line++) if (!this.lines.isBlank(line)) throw new Unmappable('definition in a list item');
    };
    while (this.index < this.tokens.length) {
      const token = this.tokens[this.index];
      if (token && token.type === close) {
        this.index++;
        gap(lines[1]);
        return nodes;
      }
      if (token?.map && place !== 'inner') {
        gap(token.map[0]);
        covered = Math.max(covered, token.map[1]);
      }
      this.previous = nodes[nodes.length - 1];
      nodes.push(this.block(place));
    }
    if (close !== null) throw new Unmappable(`missing ${close}`);
    gap(lines[1]);
    return nodes;
  }

  /** Link definitions on the lines [from, to), which markdown-it's blocks do not cover: one per `[label]:` start. */
  definitions(from: number, to: number): Definition[] {
    const nodes: Definition[] = [];
    let start = -1;
    const flush = (after: number) => {
      if (start === -1) return;
      const text = this.lines.source.slice(this.lines.start(start), this.lines.end(after - 1));
      const env: { references?: Record<string, { href: string; title: string }> } = {};
      const references = Object.entries((parser.parse(text, env).length === 0 && env.references) || {});
      const [label, target] = references[0] ?? [];
      if (references.length !== 1 || label === undefined || target === undefined) throw new Unmappable('lines that are not one definition');
      nodes.push({
        type: 'definition',
        identifier: label.toLowerCase(),
        url: target.href,
        title: target.title || null,
        position: position(this.lines.firstContent(start), this.lines.end(after - 1)),
      });
      start = -1;
    };
    for (let line = from; line < to; line++) {
      const blank = this.lines.isBlank(line);
      if (blank || /^ {0,3}\[/.test(this.lines.text(line))) flush(line);
      if (!blank && start === -1) start = line;
    }
    flush(to);
    return nodes;
  }

  block(place: Place): RootContent {
    const token = this.next();
    const [first, after] = mapOf(token);
    const located = place !== 'inner';
    const at = (node: RootContent, start: number, end: number): RootContent => {
      if (located) node.position = position(start, end);
      return node;
    };
    switch (token.type) {
      case 'paragraph_open': {
        const inline = this.next();
        this.expect('paragraph_close');
        // micromark also takes a header row without pipes (`a` over `|-|`); markdown-it leaves a paragraph.
        if (DELIMITER_ROW.test(inline.content)) throw new Unmappable('paragraph holding a table delimiter row');
        const node: Paragraph = { type: 'paragraph', children: phrasing(inline.children ?? []) };
        return at(node, located ? this.paragraphStart(first, inline.content) : 0, this.lines.end(after - 1));
      }
      case 'heading_open': {
        const inline = this.next();
        this.expect('heading_close');
        const depth = Number(token.tag.slice(1)) as 1 | 2 | 3 | 4 | 5 | 6;
        return at({ type: 'heading', depth, children: phrasing(inline.children ?? []) }, this.lines.firstContent(first), this.lines.end(after - 1));
      }
      case 'hr':
        return at({ type: 'thematicBreak' }, this.lines.firstContent(first), this.lines.end(after - 1));
      case 'html_block':
        return at(
          { type: 'html', value: token.content.replace(/\n$/, '') },
          this.lines.firstContent(first),
          this.lines.end(this.lines.lastFilled(first, after)),
        );
      case 'fence': {
        // An unclosed fence runs to the end of its container: offsets are only known for a closed one.
        const last = this.lines.source.slice(this.lines.firstContent(after - 1), this.lines.contentEnd(after - 1));
        const closed = after - first >= 2 && last.length >= token.markup.length && /^(`+|~+)$/.test(last) && last[0] === token.markup[0];
        if (located && !closed) throw new Unmappable('unclosed fence');
        return at({ type: 'code', value: token.content.replace(/\n$/, '') }, this.lines.firstContent(first), this.lines.end(after - 1));
      }
      case 'code_block':
        // micromark starts it at the container's content column, which markdown-it does not give.
        if (place === 'item') throw new Unmappable('indented code in a list item');
        // micromark splits indented code at blank lines after a list, and takes in a following line of spaces.
        if (
          this.previous?.type === 'list' ||
          (after < this.lines.starts.length && this.lines.isBlank(after) && this.lines.start(after) !== this.lines.end(after))
        )
          throw new Unmappable('indented code micromark reads differently');
        return at({ type: 'code', value: token.content.replace(/\n$/, '') }, this.lines.start(first), this.lines.end(this.lines.lastFilled(first, after)));
      case 'blockquote_open': {
        const children = this.readUntil('blockquote_close', 'inner');
        return at({ type: 'blockquote', children: children as never }, this.lines.firstContent(first), this.lines.end(this.lines.lastFilled(first, after)));
      }
      case 'bullet_list_open':
      case 'ordered_list_open':
        return this.list(token, place);
      case 'table_open':
        return this.table(first, after, located);
      default:
        throw new Unmappable(`unexpected ${token.type}`);
    }
  }

  expect(type: string): void {
    if (this.next().type !== type) throw new Unmappable(`expected ${type}`);
  }

  /** Where a paragraph's text starts: its first line ends with the first line of its content. */
  paragraphStart(line: number, content: string): number {
    const newline = content.indexOf('\n');
    let length = newline === -1 ? content.length : newline;
    while (length > 0 && isSpaceOrTab(content.charCodeAt(length - 1))) length--;
    const start = this.lines.contentEnd(line) - length;
    if (length === 0 || start < this.lines.start(line) || !this.lines.source.startsWith(content.slice(0, length), start))
      throw new Unmappable('paragraph start not found');
    return start;
  }

  list(open: Token, place: Place): List {
    const close = open.type === 'bullet_list_open' ? 'bullet_list_close' : 'ordered_list_close';
    const items: ListItem[] = [];
    for (;;) {
      const token = this.next();
      if (token.type === close) break;
      if (token.type !== 'list_item_open') throw new Unmappable(`unexpected ${token.type} in a list`);
      items.push(this.item(token, place === 'top'));
    }
    const list: List = { type: 'list', ordered: open.type === 'ordered_list_open', children: items };
    const first = items[0]?.position?.start.offset;
    const last = items[items.length - 1]?.position?.end.offset;
    if (place === 'top') {
      if (first === undefined || last === undefined) throw new Unmappable('list without located items');
      list.position = position(first, last);
    } else if (place === 'item') {
      const [line, after] = mapOf(open);
      list.position = position(this.lines.firstContent(line), this.lines.end(this.lines.lastFilled(line, after)));
    }
    return list;
  }

  item(open: Token, located: boolean): ListItem {
    const [first] = mapOf(open);
    const startIndex = this.index;
    const children = this.readUntil('list_item_close', located ? 'item' : 'inner', [first + 1, mapOf(open)[1]]) as ListItem['children'];
    const item: ListItem = { type: 'listItem', checked: null, children };
    const head = this.tokens[startIndex];
    const paragraph = head?.type === 'paragraph_open' ? children[0] : undefined;
    const inline = head?.type === 'paragraph_open' ? this.tokens[startIndex + 1] : undefined;
    let checkLeftText = false;
    if (paragraph?.type === 'paragraph' && inline && head?.map) {
      // micromark: the item's first flow content (one blank line may come first) must be this paragraph,
      // and the check must be followed by a line ending, or by spaces and more text.
      const check = /^\[([ \txX])\](?=[ \t]*\n|[ \t]+\S)/.exec(inline.content);
      if (
        check &&
        (head.map[0] === first || (head.map[0] === first + 1 && this.lines.firstContent(first, this.marker(open, first).length) === this.lines.end(first)))
      ) {
        item.checked = check[1] === 'x' || check[1] === 'X';
        checkLeftText = dropTaskCheck(paragraph);
      }
    }
    if (!located) return item;
    const marker = this.marker(open, first);
    if (head?.map?.[0] !== first && this.lines.firstContent(first, marker.length) !== this.lines.end(first))
      throw new Unmappable('definition on a list marker line');
    const markerStart = this.lines.firstContent(first);
    const firstChild = children[0];
    if (firstChild && head?.map) {
      if (!firstChild.position) throw new Unmappable('item child without offsets');
      if (head.map[0] === first) {
        // A child on the marker's line starts after the marker and its spaces.
        if (!ON_MARKER_LINE.has(firstChild.type)) throw new Unmappable(`${firstChild.type} on a list marker's line`);
        firstChild.position.start.offset = this.lines.firstContent(first, marker.length);
      }
      if (checkLeftText) firstChild.position.start.offset = this.afterCheck(head.map[0], firstChild.position.start.offset ?? 0);
    }
    const lastChild = children[children.length - 1];
    const end = lastChild?.position?.end.offset ?? this.lines.end(first);
    item.position = position(markerStart, end);
    return item;
  }

  /**
   * Where a task item's paragraph starts once micromark has taken its check out:
   * one character past the `]`, or past the line ending when only spaces follow it.
   */
  afterCheck(line: number, bracket: number): number {
    const afterBracket = bracket + 3 - this.lines.start(line);
    return this.lines.firstContent(line, afterBracket) === this.lines.end(line) ? this.lines.end(line) + 1 : bracket + 4;
  }

  /** The item's first line up to the end of its marker (`- `, `12. `): indentation, marker, no spaces after. */
  marker(open: Token, line: number): string {
    const text = this.lines.text(line);
    const indent = this.lines.firstContent(line) - this.lines.start(line);
    const marker = open.markup.length === 1 && open.info ? `${open.info}${open.markup}` : open.markup;
    if (text.slice(indent, indent + marker.length) !== marker) throw new Unmappable('list marker not found');
    return text.slice(0, indent + marker.length);
  }

  table(first: number, after: number, located: boolean): Table {
    const rows: TableRow[] = [];
    for (;;) {
      const token = this.next();
      if (token.type === 'table_close') break;
      if (token.type !== 'tr_open') continue;
      const [line] = mapOf(token);
      const raw = splitRow(this.lines.text(line));
      const cells: TableCell[] = [];
      let columns = 0;
      for (;;) {
        const open = this.next();
        if (open.type === 'tr_close') break;
        columns++;
        const inline = this.next();
        this.next();
        const cell = raw[cells.length];
        if (cell === undefined) {
          // markdown-it pads short rows; micromark keeps the cells written.
          if (inline.content !== '') throw new Unmappable('padded cell with content');
          continue;
        }
        if (inline.content !== cell.text.replace(/\\\|/g, '|')) throw new Unmappable('cell split differs');
        const children = phrasing(inline.children ?? []);
        if (located) {
          const firstChild = children[0];
          const lastChild = children[children.length - 1];
          if (firstChild) firstChild.position = position(this.lines.start(line) + cell.start, this.lines.start(line) + cell.start);
          if (lastChild) {
            const end = { line: 0, column: 0, offset: this.lines.start(line) + cell.start + cell.text.length };
            lastChild.position = { start: lastChild.position?.start ?? end, end };
          }
        }
        cells.push({ type: 'tableCell', children });
      }
      // markdown-it drops cells beyond the header's; micromark keeps them.
      if (raw.length > cells.length) throw new Unmappable('row with extra cells');
      if (rows.length === 0 && (raw.length !== columns || splitRow(this.lines.text(line + 1)).length !== columns)) throw new Unmappable('header split differs');
      rows.push({ type: 'tableRow', children: cells });
    }
    const table: Table = { type: 'table', children: rows };
    if (located) table.position = position(this.lines.firstContent(first), this.lines.end(this.lines.lastFilled(first, after)));
    return table;
  }
}

/** One cell of a table row as written: its text (trimmed of spaces and tabs) and where that starts in the line. */
interface RawCell {
  text: string;
  start: number;
}

/** Splits a table row the way micromark does: unescaped pipes separate, `\\` and `\|` are pairs, edge pipes are optional. */
export function splitRow(line: string): RawCell[] {
  const cells: RawCell[] = [];
  let begin = 0;
  let column = 0;
  while (column < line.length && (line[column] === ' ' || line[column] === '\t')) column++;
  if (line[column] === '|') begin = ++column;
  else begin = 0;
  let trailingPipe = false;
  for (; column < line.length; column++) {
    const char = line[column];
    if (char === '\\' && (line[column + 1] === '\\' || line[column + 1] === '|')) {
      column++;
      continue;
    }
    if (char !== '|') continue;
    cells.push(rawCell(line, begin, column));
    begin = column + 1;
    trailingPipe = /^[ \t]*$/.test(line.slice(begin));
  }
  if (!trailingPipe) cells.push(rawCell(line, begin, line.length));
  return cells;
}

function rawCell(line: string, from: number, to: number): RawCell {
  let start = from;
  let end = to;
  while (start < end && (line[start] === ' ' || line[start] === '\t')) start++;
  while (end > start && (line[end - 1] === ' ' || line[end - 1] === '\t')) end--;
  return { text: line.slice(start, end), start };
}

/**
 * The GFM task-list check leaves the paragraph: its first text loses `[x]` and
 * the character after it, and goes when nothing is left. True when text is
 * left (micromark then moves the paragraph's start past the check).
 */
function dropTaskCheck(paragraph: Paragraph): boolean {
  const head = paragraph.children[0];
  if (head?.type !== 'text') throw new Unmappable('task check outside text');
  head.value = head.value.slice(4);
  if (head.value !== '') return true;
  paragraph.children.shift();
  return false;
}

/** Child types that can start on a list marker's line and start right after it. */
const ON_MARKER_LINE = new Set(['paragraph', 'heading', 'list', 'thematicBreak', 'blockquote']);

/** The text without its trailing spaces and tabs. */
function trimSpacesEnd(text: string): string {
  let end = text.length;
  while (end > 0 && isSpaceOrTab(text.charCodeAt(end - 1))) end--;
  return end === text.length ? text : text.slice(0, end);
}

/** Inline tokens to mdast phrasing content; runs of text and soft breaks make one text node, as in mdast. */
function phrasing(tokens: readonly Token[]): PhrasingContent[] {
  const root: { children: PhrasingContent[] } = { children: [] };
  const stack: Array<{ children: PhrasingContent[] }> = [root];
  const top = () => {
    const parent = stack[stack.length - 1];
    if (!parent) throw new Unmappable('unbalanced inline tokens');
    return parent;
  };
  const addText = (value: string) => {
    const siblings = top().children;
    const previous = siblings[siblings.length - 1];
    if (previous?.type === 'text') previous.value += value;
    else siblings.push({ type: 'text', value } satisfies Text);
  };
  for (const token of tokens) {
    if (token.level >= SAFE_LEVEL) throw new Unmappable('nesting too deep');
    switch (token.type) {
      case 'text':
        // Emphasis delimiters that pair up leave empty text tokens behind.
        if (token.content !== '') addText(token.content);
        break;
      case 'softbreak': {
        // micromark drops spaces and tabs before a line ending; markdown-it drops only spaces.
        const siblings = top().children;
        const previous = siblings[siblings.length - 1];
        if (previous?.type === 'text') previous.value = trimSpacesEnd(previous.value);
        addText('\n');
        break;
      }
      case 'hardbreak': {
        // `a\t  ` ending a line: markdown-it breaks, micromark does not (a tab in the trailing run).
        const siblings = top().children;
        const previous = siblings[siblings.length - 1];
        if (previous?.type === 'text' && previous.value.endsWith('\t')) throw new Unmappable('tab before a hard break');
        siblings.push({ type: 'break' });
        break;
      }
      case 'code_inline':
        // In a table cell `\|` is already `|` here, as mdast-util-gfm-table makes it.
        top().children.push({ type: 'inlineCode', value: token.content });
        break;
      case 'html_inline':
        top().children.push({ type: 'html', value: token.content } satisfies Html);
        break;
      case 'image': {
        const alt = phrasing(token.children ?? [])
          .map(textOf)
          .join('');
        top().children.push({ type: 'image', url: token.attrGet('src') ?? '', alt });
        break;
      }
      case 'em_open':
      case 'strong_open':
      case 'link_open': {
        const node: PhrasingContent =
          token.type === 'em_open'
            ? { type: 'emphasis', children: [] }
            : token.type === 'strong_open'
              ? { type: 'strong', children: [] }
              : { type: 'link', url: token.attrGet('href') ?? '', children: [] };
        top().children.push(node);
        stack.push(node);
        break;
      }
      case 'em_close':
      case 'strong_close':
      case 'link_close':
        stack.pop();
        break;
      default:
        throw new Unmappable(`unexpected inline ${token.type}`);
    }
  }
  if (stack.length !== 1) throw new Unmappable('unbalanced inline tokens');
  return root.children;
}

/** mdast-util-to-string: values, image alts, children (an image's alt is made this way). */
function textOf(node: PhrasingContent): string {
  if ('value' in node) return node.value;
  if (node.type === 'image') return node.alt ?? '';
  if ('children' in node) return node.children.map(textOf).join('');
  return '';
}
