import { EXIT, UserError } from '../errors.js';

/**
 * Translates what a user types into an FTS5 query (pure). Every word becomes
 * a quoted FTS5 string, so nothing the user types is read as FTS5 syntax:
 * `psycopg2.errors.DuplicateTable` is the phrase of its tokens, and `title:x`
 * or `NEAR(` are plain text. What is understood:
 *
 * - words, all required: `duplicate table`
 * - phrases: `"duplicate table"`
 * - prefixes: `migr*`, `"0021_add*"`
 * - `OR`, `AND`, `NOT` (in capitals), and parentheses: `(redis OR kafka) NOT staging`
 * - `-word` leaves out what matches it: `migration -staging`
 *
 * A malformed query (an unbalanced quote or parenthesis, an operator with
 * nothing on one side) is a UserError that says what to change.
 */

type Token = { kind: 'term'; fts: string } | { kind: 'and' | 'or' | 'not' } | { kind: 'open' | 'close' } | { kind: 'exclude'; fts: string };

/** True when the text holds a character the index tokenizes (a letter or a digit). */
const SEARCHABLE = /[\p{L}\p{N}]/u;
const OPERATORS: Record<string, 'and' | 'or' | 'not'> = { AND: 'and', OR: 'or', NOT: 'not' };

function badQuery(message: string, hint: string): UserError {
  return new UserError('bad-query', message, { exitCode: EXIT.invalidInput, hint });
}

/** An FTS5 string: double quotes doubled; `*` after it makes its last token a prefix. */
function ftsString(text: string, prefix: boolean): string {
  return `"${text.replaceAll('"', '""')}"${prefix ? ' *' : ''}`;
}

/** A word or phrase as FTS5 text, or null when it holds nothing the index could match (`***`, `--`). */
function term(text: string, prefix: boolean): string | null {
  return SEARCHABLE.test(text) ? ftsString(text, prefix) : null;
}

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const c = query[i] as string;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')') {
      tokens.push({ kind: c === '(' ? 'open' : 'close' });
      i++;
    } else if (c === '"' || (c === '-' && query[i + 1] === '"')) {
      const exclude = c === '-';
      const start = exclude ? i + 1 : i;
      const end = query.indexOf('"', start + 1);
      if (end === -1) {
        throw badQuery(
          `The query has an unbalanced quote: ${query.slice(start)}`,
          'Close the phrase with a second " (as in "duplicate table"), or leave the quote out.',
        );
      }
      let prefix = false;
      let next = end + 1;
      if (query[next] === '*') {
        prefix = true;
        next++;
      }
      const fts = term(query.slice(start + 1, end), prefix);
      if (fts) tokens.push({ kind: exclude ? 'exclude' : 'term', fts });
      i = next;
    } else {
      let end = i;
      while (end < query.length && !/[\s()"]/.test(query[end] as string)) end++;
      const word = query.slice(i, end);
      i = end;
      const operator = OPERATORS[word];
      if (operator) {
        tokens.push({ kind: operator });
        continue;
      }
      const exclude = word.startsWith('-') && word.length > 1;
      const body = exclude ? word.slice(1) : word;
      const prefix = body.endsWith('*');
      const fts = term(prefix ? body.replace(/\*+$/, '') : body, prefix);
      if (fts) tokens.push({ kind: exclude ? 'exclude' : 'term', fts });
    }
  }
  return tokens;
}

const OPERATOR_EXAMPLES = { and: 'migration AND postgres', or: 'redis OR memcached', not: 'migration NOT staging` or `migration -staging' } as const;

/**
 * The FTS5 expression for a user's query. Throws a UserError (exit 3) for a
 * malformed query or one with nothing to search for.
 */
export function translateQuery(query: string): string {
  const tokens = tokenize(query);
  const parts: string[] = [];
  const excluded: string[] = [];
  let depth = 0;
  // What came before: a term (or a closing parenthesis), an operator, an opening parenthesis, or nothing.
  let previous: 'start' | 'term' | 'operator' | 'open' = 'start';
  let pendingOperator: 'and' | 'or' | 'not' | null = null;
  for (const token of tokens) {
    switch (token.kind) {
      case 'term':
        if (previous === 'term') parts.push('AND');
        parts.push(token.fts);
        previous = 'term';
        pendingOperator = null;
        break;
      case 'exclude':
        excluded.push(token.fts);
        break;
      case 'and':
      case 'or':
      case 'not':
        if (previous !== 'term') {
          const upper = token.kind.toUpperCase();
          throw badQuery(
            `${upper} needs something to search for on both sides, but nothing comes before it.`,
            `Write it between words, as in \`${OPERATOR_EXAMPLES[token.kind]}\`; to search for the word itself, write it in lower case or quote it ("${upper}").`,
          );
        }
        parts.push(token.kind.toUpperCase());
        previous = 'operator';
        pendingOperator = token.kind;
        break;
      case 'open':
        if (previous === 'term') parts.push('AND');
        parts.push('(');
        depth++;
        previous = 'open';
        break;
      case 'close':
        if (depth === 0) throw badQuery('The query has a ")" without a matching "(".', 'Remove it, or add the "(" it closes.');
        if (previous === 'operator') throw danglingOperator(pendingOperator);
        if (previous === 'open') throw badQuery('The query has empty parentheses "()".', 'Put words inside them, as in (redis OR kafka), or remove them.');
        parts.push(')');
        depth--;
        previous = 'term';
        break;
    }
  }
  if (previous === 'operator') throw danglingOperator(pendingOperator);
  if (depth > 0) throw badQuery('The query has a "(" without a matching ")".', 'Close it, as in (redis OR kafka), or remove it.');
  if (parts.length === 0) {
    throw badQuery(
      excluded.length > 0 ? 'The query only says what to leave out.' : 'The query has no words to search for.',
      excluded.length > 0
        ? 'Add a word to look for, as in `migration -staging`.'
        : 'Search for words, "a phrase" or a prefix*, as in: postmortem search "duplicate table".',
    );
  }
  const positive = parts.join(' ');
  if (excluded.length === 0) return positive;
  return `(${positive}) NOT (${excluded.join(' OR ')})`;
}

function danglingOperator(operator: 'and' | 'or' | 'not' | null): UserError {
  const upper = (operator ?? 'and').toUpperCase();
  return badQuery(
    `${upper} needs something to search for on both sides, but nothing comes after it.`,
    `Write it between words, as in \`${OPERATOR_EXAMPLES[operator ?? 'and']}\`; to search for the word itself, write it in lower case or quote it ("${upper}").`,
  );
}
