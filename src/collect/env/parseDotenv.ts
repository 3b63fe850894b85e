export interface ParseDotenvOptions {
  /** Called with the 1-based number of each line that is not `KEY=value`; the line is skipped. */
  onInvalidLine?: (line: number) => void;
}

const ENTRY = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=([ \t]*)(.*)$/;
const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\', $: '$' };

/**
 * Parses a `.env` file into variables, the way dotenv and docker compose read one:
 *
 * - `KEY=value`, `export KEY=value`, blanks around `=`; `KEY=` is the empty string;
 * - `# comments` on their own line, and after an unquoted value when a blank precedes `#`;
 * - `"double quotes"` with escapes (`\n`, `\r`, `\t`, `\"`, `\\`, `\$`; any other backslash is
 *   kept as written) that may span lines; `'single quotes'` and backticks taken literally (and
 *   they may span lines too); whatever follows the closing quote is ignored;
 * - LF, CRLF or CR line ends, and a leading byte order mark.
 *
 * `${VAR}` references are not expanded. A later definition of a key replaces an earlier one. A
 * line that is not `KEY=value`, or whose quote is never closed, is skipped and reported by
 * number only, so that no value can reach a warning.
 */
export function parseDotenv(text: string, options: ParseDotenvOptions = {}): Record<string, string> {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const vars = new Map<string, string>();
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const entry = ENTRY.exec(line);
    if (!entry) {
      options.onInvalidLine?.(index + 1);
      continue;
    }
    const [, key = '', blanks = '', rest = ''] = entry;
    const quote = rest.charAt(0);
    if (quote !== '"' && quote !== "'" && quote !== '`') {
      vars.set(key, blanks !== '' && rest.startsWith('#') ? '' : rest.replace(/[ \t]+#.*$/, '').trimEnd());
      continue;
    }
    // A quoted value: read on, line by line, until its closing quote.
    let body = rest.slice(1);
    let last = index;
    let close = closingQuote(body, quote);
    while (close === -1 && last + 1 < lines.length) {
      last += 1;
      body += `\n${lines[last]}`;
      close = closingQuote(body, quote);
    }
    if (close === -1) {
      options.onInvalidLine?.(index + 1);
      continue;
    }
    vars.set(key, quote === '"' ? expandEscapes(body.slice(0, close)) : body.slice(0, close));
    index = last;
  }
  return Object.fromEntries(vars);
}

/** Where the closing quote is (a backslash escapes the next character in double quotes); -1 when absent. */
function closingQuote(body: string, quote: string): number {
  if (quote !== '"') return body.indexOf(quote);
  for (let at = 0; at < body.length; at++) {
    if (body[at] === '\\') at += 1;
    else if (body[at] === '"') return at;
  }
  return -1;
}

function expandEscapes(body: string): string {
  return body.replace(/\\([\s\S])/g, (sequence: string, char: string) => ESCAPES[char] ?? sequence);
}
