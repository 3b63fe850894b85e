import yaml from 'js-yaml';

/**
 * A fast, strict reader for the YAML that `serializeIncident` writes (js-yaml's
 * dump: block mappings and sequences, plain, quoted and literal scalars,
 * leading comment lines). It returns exactly what `yaml.load` with the CORE
 * schema returns, or undefined for anything outside that form (flow
 * collections other than [] and {}, anchors, tags, folded scalars, comments
 * after the start, blank lines, tabs, CR, duplicate keys, ...): the caller
 * then asks js-yaml, which also gives the error messages. Pure: text in, data
 * or undefined out.
 */
export function readDumpedYaml(text: string): unknown {
  if (!onlyPrintable(text)) return undefined;
  const lines = text.split('\n');
  // js-yaml ends the input with a line break; the empty text after the last one is no line.
  if (lines[lines.length - 1] === '') lines.pop();
  let first = 0;
  while (first < lines.length && (lines[first] as string).charCodeAt(0) === HASH) first++;
  if (first === lines.length || indentOf(lines[first] as string) !== 0) return undefined;
  try {
    const reader = new Reader(lines, first);
    const value = reader.mapping(0, false);
    return reader.index === lines.length ? value : undefined;
  } catch (error) {
    if (error === NOT_DUMPED_FORM) return undefined;
    throw error;
  }
}

/** Thrown inside the reader to give up; never escapes readDumpedYaml. */
const NOT_DUMPED_FORM = new Error('not the dumped YAML form');

function decline(): never {
  throw NOT_DUMPED_FORM;
}

const SPACE = 0x20;
const HASH = 0x23;
const DASH = 0x2d;
const COLON = 0x3a;
const SINGLE_QUOTE = 0x27;
const DOUBLE_QUOTE = 0x22;
const BACKSLASH = 0x5c;
const UNDERSCORE = 0x5f;

/** js-yaml exports its types as `yaml.types`, which @types/js-yaml does not declare. */
const { types } = yaml as unknown as { types: Record<'null' | 'bool' | 'int' | 'float', yaml.Type> };
/** The CORE schema's implicit types, in the order js-yaml tries them on a plain scalar. */
const IMPLICIT_TYPES = [types.null, types.bool, types.int, types.float];

/** Names js-yaml does not take as plain string keys: null, true, false in their three spellings, and __proto__ (an own property there). */
function isNotStringKey(name: string): boolean {
  switch (name.length) {
    case 4:
      return name === 'null' || name === 'Null' || name === 'NULL' || name === 'true' || name === 'True' || name === 'TRUE';
    case 5:
      return name === 'false' || name === 'False' || name === 'FALSE';
    case 9:
      return name === '__proto__';
    default:
      return false;
  }
}

/** Characters that start a plain scalar js-yaml may read as something other than a string. */
function mayBeNonString(code: number): boolean {
  // ~ + - . 0-9 n N t T f F
  return (
    code === 0x7e ||
    code === 0x2b ||
    code === DASH ||
    code === 0x2e ||
    (code >= 0x30 && code <= 0x39) ||
    code === 0x6e ||
    code === 0x4e ||
    code === 0x74 ||
    code === 0x54 ||
    code === 0x66 ||
    code === 0x46
  );
}

/** First characters that make a plain scalar something else (or an error) in js-yaml. */
const NOT_PLAIN_FIRST = new Set([...'[]{},#&*!|>\'"%@`?: '].map((c) => c.charCodeAt(0)));

/** A literal block scalar's header as js-yaml dump writes it: an indentation digit, then a chomping indicator. */
const BLOCK_HEADER = /^([1-9])?([-+])?$/;

/** A small decimal integer, which js-yaml's int type would give as Number(text). */
const SMALL_INT = /^(?:0|[1-9][0-9]{0,14})$/;

/**
 * True when every character is one js-yaml reads without complaint and this
 * reader handles: no control characters (tab and CR included), no BOM, no
 * lone surrogates (js-yaml's PATTERN_NON_PRINTABLE, and more).
 */
function onlyPrintable(text: string): boolean {
  // Most files need only this scan: no control character, no surrogate, no BOM or noncharacter.
  if (!UNUSUAL_CHARACTER.test(text)) return true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= SPACE && c < 0x7f) continue;
    if (c === 0x0a) continue;
    if (c < 0xa0) {
      if (c !== 0x85) return false;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      if (c > 0xdbff) return false;
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    } else if (c === 0xfeff || c === 0xfffe || c === 0xffff) {
      return false;
    }
  }
  return true;
}

const UNUSUAL_CHARACTER = /[^\n\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd]/;

function indentOf(line: string): number {
  let i = 0;
  while (line.charCodeAt(i) === SPACE) i++;
  return i;
}

/** A quoted scalar read from a line: its value and the index after its closing quote. */
interface Quoted {
  value: string;
  end: number;
}

class Reader {
  constructor(
    private readonly lines: string[],
    public index: number,
  ) {}

  /** A block mapping whose keys stand at `indent`; `compact` when its first key follows a `- ` on the current line. */
  mapping(indent: number, compact: boolean): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    let sameLine = compact;
    while (this.index < this.lines.length) {
      const line = this.lines[this.index] as string;
      if (!sameLine) {
        const at = indentOf(line);
        if (at < indent) break;
        if (at > indent) decline();
      }
      sameLine = false;
      const key = readKey(line, indent);
      if (key === null) decline();
      if (Object.hasOwn(out, key.value)) decline();
      out[key.value] = this.valueAfterKey(line, key.end + 1, indent);
    }
    return out;
  }

  /** A block sequence whose dashes stand at `indent`. */
  sequence(indent: number): unknown[] {
    const out: unknown[] = [];
    while (this.index < this.lines.length) {
      const line = this.lines[this.index] as string;
      const at = indentOf(line);
      if (at < indent) break;
      if (at > indent) decline();
      const start = indent + 2;
      // Exactly `- ` and then content: a bare `-`, `-  x` or `- - x` are left to js-yaml.
      if (line.charCodeAt(indent) !== DASH || line.charCodeAt(indent + 1) !== SPACE) decline();
      const first = line.charCodeAt(start);
      if (first === SPACE || Number.isNaN(first)) decline();
      if (first === DASH && isSpaceOrEnd(line, start + 1)) decline();
      const key = readKey(line, start);
      out.push(key === null ? this.inlineValue(line, start, indent) : this.mapping(start, true));
    }
    return out;
  }

  /** The value after `key:` (at `colonEnd`) of a mapping at `indent`. */
  private valueAfterKey(line: string, colonEnd: number, indent: number): unknown {
    if (colonEnd === line.length) {
      this.index++;
      return this.nested(indent);
    }
    return this.inlineValue(line, colonEnd + 1, indent);
  }

  /** What follows a `key:` that ends its line: a more indented block collection, else null. */
  private nested(parentIndent: number): unknown {
    const line = this.lines[this.index];
    if (line === undefined) return null;
    const at = indentOf(line);
    if (at <= parentIndent) return null;
    if (line.charCodeAt(at) === DASH && isSpaceOrEnd(line, at + 1)) return this.sequence(at);
    return this.mapping(at, false);
  }

  /** A value that starts on this line at `start` (after `key: ` or `- `); consumes its lines. */
  private inlineValue(line: string, start: number, parentIndent: number): unknown {
    if (start >= line.length) decline();
    const first = line.charCodeAt(start);
    if (first === 0x7c /* | */) {
      const header = BLOCK_HEADER.exec(line.slice(start + 1));
      if (header === null) decline();
      this.index++;
      // An explicit indentation counts from the parent's: js-yaml's textIndent = (parentIndent + 1) + digit - 1.
      const textIndent = header[1] ? parentIndent + Number(header[1]) : -1;
      return this.literal(parentIndent, textIndent, header[2] ?? '');
    }
    if (first === SINGLE_QUOTE || first === DOUBLE_QUOTE) {
      const quoted = first === SINGLE_QUOTE ? readSingleQuoted(line, start) : readDoubleQuoted(line, start);
      if (quoted === null || quoted.end !== line.length) decline();
      this.index++;
      return quoted.value;
    }
    this.index++;
    if (line.length === start + 2 && (first === 0x5b /* [ */ || first === 0x7b) /* { */) {
      const pair = line.slice(start);
      if (pair === '[]') return [];
      if (pair === '{}') return {};
    }
    return plainScalar(line, start);
  }

  /**
   * A literal block scalar (`|`, `|-`, `|+`) below a node at `parentIndent`,
   * read as js-yaml's readBlockScalar reads it: the header's indentation, or
   * else the first content line's, is the scalar's; fewer spaces end it;
   * `chomp` decides the final line breaks.
   */
  private literal(parentIndent: number, explicitIndent: number, chomp: string): string {
    let textIndent = explicitIndent;
    let result = '';
    let emptyLines = 0;
    let didReadContent = false;
    while (this.index < this.lines.length) {
      const line = this.lines[this.index] as string;
      if (textIndent < 0 && line.length > 0) {
        const at = indentOf(line);
        // A leading line of spaces alone would change js-yaml's detected indentation.
        if (at === line.length) decline();
        if (at <= parentIndent) break;
        textIndent = at;
      }
      let at = 0;
      while (at < textIndent && line.charCodeAt(at) === SPACE) at++;
      if (at === line.length) {
        emptyLines++;
        this.index++;
        continue;
      }
      if (at < textIndent) break;
      result += (didReadContent ? '\n'.repeat(1 + emptyLines) : '\n'.repeat(emptyLines)) + line.slice(textIndent);
      didReadContent = true;
      emptyLines = 0;
      this.index++;
    }
    if (chomp === '+') result += '\n'.repeat(didReadContent ? 1 + emptyLines : emptyLines);
    else if (chomp === '' && didReadContent) result += '\n';
    return result;
  }
}

function isSpaceOrEnd(line: string, at: number): boolean {
  return at >= line.length || line.charCodeAt(at) === SPACE;
}

/** A mapping key at `start` followed by `:` and a space or the line's end; null when the line holds no key there. */
function readKey(line: string, start: number): Quoted | null {
  const first = line.charCodeAt(start);
  let key: Quoted;
  if (first === SINGLE_QUOTE || first === DOUBLE_QUOTE) {
    const quoted = first === SINGLE_QUOTE ? readSingleQuoted(line, start) : readDoubleQuoted(line, start);
    if (quoted === null || quoted.value === '__proto__' || quoted.value.length > 1024) return null;
    key = quoted;
  } else {
    // Plain keys are names ([A-Za-z_][A-Za-z0-9_-]*) that can only be strings; anything else is left to js-yaml.
    if (!(isLetter(first) || first === UNDERSCORE)) return null;
    let end = start + 1;
    for (let c = line.charCodeAt(end); isLetter(c) || (c >= 0x30 && c <= 0x39) || c === UNDERSCORE || c === DASH; c = line.charCodeAt(++end));
    const value = line.slice(start, end);
    if (isNotStringKey(value)) return null;
    key = { value, end };
  }
  if (line.charCodeAt(key.end) !== COLON || !isSpaceOrEnd(line, key.end + 1)) return null;
  return key;
}

function isLetter(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
}

/** A plain scalar from `start` to the line's end, resolved as the CORE schema does (null, bool, int, float, else a string). */
function plainScalar(line: string, start: number): unknown {
  const first = line.charCodeAt(start);
  if (NOT_PLAIN_FIRST.has(first) || (first === DASH && isSpaceOrEnd(line, start + 1))) decline();
  // A comment, a mapping inside a value, trailing spaces: all left to js-yaml.
  const last = line.charCodeAt(line.length - 1);
  if (last === SPACE || last === COLON || line.includes(' #', start)) decline();
  const colon = line.indexOf(':', start);
  if (colon >= 0 && line.includes(': ', colon)) decline();
  const text = line.slice(start);
  // No CORE type has a colon (js-yaml 4 has no base-60 numbers): timestamps stay strings.
  if (colon >= 0 || !mayBeNonString(first)) return text;
  if (SMALL_INT.test(text)) return Number(text);
  for (const type of IMPLICIT_TYPES) {
    if (type.resolve(text)) return type.construct(text);
  }
  return text;
}

/** A single-quoted scalar closed on the same line (`''` is a quote). */
function readSingleQuoted(line: string, start: number): Quoted | null {
  let value = '';
  let from = start + 1;
  for (;;) {
    const close = line.indexOf("'", from);
    if (close < 0) return null;
    value += line.slice(from, close);
    if (line.charCodeAt(close + 1) !== SINGLE_QUOTE) return { value, end: close + 1 };
    value += "'";
    from = close + 2;
  }
}

/** The escapes of js-yaml's double-quoted scalars (simpleEscapeSequence), tab excluded (tabs are never taken). */
const SIMPLE_ESCAPES: Record<string, string> = {
  '0': '\x00',
  a: '\x07',
  b: '\x08',
  t: '\x09',
  n: '\x0A',
  v: '\x0B',
  f: '\x0C',
  r: '\x0D',
  e: '\x1B',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\x85',
  _: '\xA0',
  L: '\u2028',
  P: '\u2029',
};
const HEX_ESCAPE_LENGTHS: Record<string, number> = { x: 2, u: 4, U: 8 };
const HEX_DIGITS = /^[0-9a-fA-F]+$/;

/** A double-quoted scalar closed on the same line, with js-yaml's escapes. */
function readDoubleQuoted(line: string, start: number): Quoted | null {
  let value = '';
  let from = start + 1;
  let i = from;
  while (i < line.length) {
    const c = line.charCodeAt(i);
    if (c === DOUBLE_QUOTE) return { value: value + line.slice(from, i), end: i + 1 };
    if (c !== BACKSLASH) {
      i++;
      continue;
    }
    value += line.slice(from, i);
    const escaped = line.charAt(i + 1);
    const simple = SIMPLE_ESCAPES[escaped];
    if (simple !== undefined) {
      value += simple;
      i += 2;
    } else {
      const length = HEX_ESCAPE_LENGTHS[escaped];
      const hex = length === undefined ? '' : line.slice(i + 2, i + 2 + length);
      if (length === undefined || hex.length !== length || !HEX_DIGITS.test(hex)) return null;
      const code = Number.parseInt(hex, 16);
      if (code > 0x10ffff) return null;
      value += String.fromCodePoint(code);
      i += 2 + length;
    }
    from = i;
  }
  return null;
}
