/**
 * CODEOWNERS, as GitHub reads it (pure: text in, rules out; paths in, owners out).
 *
 * - One rule a line: a pattern, then owners (`@user`, `@org/team`, an email);
 *   `#` starts a comment (a pattern starting with `#` is written `\#`).
 * - Patterns follow gitignore: `/` at the start (or a `/` in the middle)
 *   anchors the pattern at the repository root, else it matches at any depth;
 *   `*` and `?` stay within one path segment; `**` spans folders (`**\/x`,
 *   `x/**`, `a/**\/b`); a pattern naming a folder (`docs/`, `apps`) owns
 *   everything under it. GitHub's exception: `docs/*` owns only the files
 *   directly in docs/.
 * - `!` negation and `[...]` ranges are not supported by GitHub: such lines
 *   never match. GitLab section headers (`[Section]`) are skipped.
 * - The last matching rule wins; a rule with no owners leaves its files unowned.
 */

export interface CodeownersRule {
  pattern: string;
  owners: string[];
  /** 1-based line in the file. */
  line: number;
  regex: RegExp | null;
}

export interface OwnerMatch {
  owners: string[];
  rule: CodeownersRule;
}

/** Parses a CODEOWNERS file into rules, in file order. */
export function parseCodeowners(text: string): CodeownersRule[] {
  const rules: CodeownersRule[] = [];
  const lines = text.split(/\r\n?|\n/);
  for (let i = 0; i < lines.length; i++) {
    const tokens = tokenize(lines[i] ?? '');
    const pattern = tokens[0];
    if (pattern === undefined) continue;
    if (/^\^?\[[^\]]*\]/.test(pattern)) continue; // GitLab section header
    rules.push({ pattern, owners: tokens.slice(1), line: i + 1, regex: compilePattern(pattern) });
  }
  return rules;
}

/** Splits a line into whitespace-separated tokens up to a comment; `\#` and `\ ` are literal. */
function tokenize(line: string): string[] {
  const tokens: string[] = [];
  let current = '';
  let inToken = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (ch === '\\' && i + 1 < line.length && (line[i + 1] === '#' || line[i + 1] === ' ')) {
      current += line[i + 1];
      inToken = true;
      i++;
    } else if (ch === '#' && !inToken) {
      break;
    } else if (ch === ' ' || ch === '\t') {
      if (inToken) tokens.push(current);
      current = '';
      inToken = false;
    } else {
      current += ch;
      inToken = true;
    }
  }
  if (inToken) tokens.push(current);
  return tokens;
}

/** Turns a pattern into a regular expression over repository-relative paths; null for patterns GitHub does not support. */
export function compilePattern(pattern: string): RegExp | null {
  if (pattern.startsWith('!') || /[[\]]/.test(pattern)) return null;
  let body = pattern;
  const dirOnly = body.endsWith('/');
  if (dirOnly) body = body.replace(/\/+$/, '');
  const anchored = body.startsWith('/') || body.includes('/');
  body = body.replace(/^\/+/, '');
  if (body === '') return dirOnly ? /^/ : null; // `/` owns everything
  const segments = body.split('/').filter((segment) => segment !== '');
  let re = anchored ? '^' : '^(?:.*/)?';
  const last = segments.length - 1;
  segments.forEach((segment, i) => {
    const separator = i > 0 && segments[i - 1] !== '**' ? '/' : '';
    if (segment !== '**') re += separator + segmentRegex(segment);
    else if (i === 0) re += i === last ? '.*' : '(?:.*/)?';
    else if (i === last) re += '/.*';
    else re += '/(?:.*/)?';
  });
  const lastSegment = segments[last];
  // A folder owns what is inside it; `docs/*` (GitHub) only the files directly in docs/.
  if (lastSegment !== '**') re += dirOnly ? '/.*' : lastSegment === '*' && segments.length > 1 ? '' : '(?:/.*)?';
  return new RegExp(`${re}$`);
}

function segmentRegex(segment: string): string {
  let out = '';
  for (const ch of segment) {
    if (ch === '*') out += out.endsWith('[^/]*') ? '' : '[^/]*';
    else if (ch === '?') out += '[^/]';
    else out += ch.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return out;
}

/** The rule that decides a path's owners (the last one matching), or null when none matches. */
export function ownersOf(rules: readonly CodeownersRule[], file: string): OwnerMatch | null {
  const normalized = file.replace(/\\/g, '/').replace(/^\.?\/+/, '');
  for (let i = rules.length - 1; i >= 0; i--) {
    const rule = rules[i] as CodeownersRule;
    if (rule.regex?.test(normalized)) return { owners: rule.owners, rule };
  }
  return null;
}

export interface SuggestedOwner {
  owner: string;
  /** The files this owner owns, of those given. */
  files: string[];
  /** The rules that gave them, in file order. */
  rules: CodeownersRule[];
  /** How many of the files had any owner. */
  ownedFiles: number;
}

/**
 * The owner owning most of `files` (ties go to the owner met first, in file
 * order), or null when none of them has an owner.
 */
export function suggestOwner(rules: readonly CodeownersRule[], files: readonly string[]): SuggestedOwner | null {
  const byOwner = new Map<string, { files: string[]; rules: CodeownersRule[] }>();
  let ownedFiles = 0;
  for (const file of files) {
    const match = ownersOf(rules, file);
    if (!match || match.owners.length === 0) continue;
    ownedFiles += 1;
    for (const owner of match.owners) {
      const entry = byOwner.get(owner) ?? { files: [], rules: [] };
      if (!entry.files.includes(file)) entry.files.push(file);
      if (!entry.rules.includes(match.rule)) entry.rules.push(match.rule);
      byOwner.set(owner, entry);
    }
  }
  let best: SuggestedOwner | null = null;
  for (const [owner, entry] of byOwner) {
    if (!best || entry.files.length > best.files.length) best = { owner, files: entry.files, rules: entry.rules, ownedFiles };
  }
  return best;
}
