import type { Commit, CommitFile } from '../../record/schema.js';
import { parseTimestamp } from '../../record/time.js';

/**
 * Parses the output of `git log -z --format=<GIT_LOG_FORMAT> --numstat`.
 * Pure: text in, commits out; `collectCommits` runs git and calls this.
 *
 * Layout of one commit (`-z` separates commits and numstat paths with NUL):
 *
 *     \x1e hash \x1f parents \x1f author date \x1f committer date \x1f decorations \x1f
 *          author name \x1f subject \x1f body \x1f \0
 *     \n ins \t del \t path \0             (one per file; `-` `-` for a binary file)
 *        ins \t del \t \0 old \0 new \0    (a rename)
 *
 * Commit messages cannot contain NUL, so `\x1f\0` ends the header and `\0\x1e<hash>`
 * starts the next commit, whatever the message holds.
 */

/** The `--format` to pass to `git log` (with `-z` and `--numstat`). */
export const GIT_LOG_FORMAT = '%x1e%H%x1f%P%x1f%aI%x1f%cI%x1f%D%x1f%aN%x1f%s%x1f%b%x1f';

const RS = '\x1e';
const US = '\x1f';
const HASH = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
const NO_SUBJECT = '(no commit message)';

/** Commits in the order git printed them (newest first for a plain `git log`). */
export function parseGitLog(text: string, options: { repo?: string | null } = {}): Commit[] {
  const repo = options.repo ?? null;
  const commits: Commit[] = [];
  for (const record of splitRecords(text)) commits.push(parseRecord(record, repo));
  return commits;
}

/** Splits at each `\x1e` that starts the text or follows a NUL and comes before `<hash>\x1f`. */
function splitRecords(text: string): string[] {
  const records: string[] = [];
  let start = -1;
  for (let at = text.indexOf(RS); at !== -1; at = text.indexOf(RS, at + 1)) {
    if (at > 0 && text[at - 1] !== '\0') continue;
    const end = text.indexOf(US, at + 1);
    if (end === -1 || !HASH.test(text.slice(at + 1, end))) continue;
    if (start !== -1) records.push(text.slice(start, at - 1));
    start = at + 1;
  }
  if (start !== -1) records.push(text.slice(start));
  return records;
}

function parseRecord(record: string, repo: string | null): Commit {
  const headerEnd = record.indexOf(`${US}\0`);
  const header = headerEnd === -1 ? record : record.slice(0, headerEnd);
  const numstat = headerEnd === -1 ? '' : record.slice(headerEnd + 2);
  const fields = header.split(US);
  const [hash = '', parents = '', authoredAt = '', committedAt = '', decorations = '', author = '', subject = ''] = fields;
  // The body is last, so a stray separator inside it stays part of it.
  const body = fields.slice(7).join(US).trimEnd();
  return {
    repo,
    hash,
    author: author.trim() || null,
    authored_at: timestamp(authoredAt),
    committed_at: timestamp(committedAt),
    subject: subject.trim() || NO_SUBJECT,
    body: body.trim() ? body : null,
    fix: false,
    merge: parents.trim().split(/\s+/).filter(Boolean).length > 1,
    tags: parseTags(decorations),
    files: parseNumstat(numstat),
    diff: null,
    diff_language: null,
  };
}

function timestamp(text: string): string | null {
  const parsed = parseTimestamp(text);
  return parsed.ok ? parsed.value.text : null;
}

/** `tag: v1.2, HEAD -> main, tag: v1.2.0` → `['v1.2', 'v1.2.0']`, sorted. */
export function parseTags(decorations: string): string[] {
  const tags: string[] = [];
  for (const part of decorations.split(', ')) {
    const trimmed = part.trim();
    if (trimmed.startsWith('tag: ')) tags.push(trimmed.slice(5));
  }
  // git lists decorations in no stable order.
  return tags.sort();
}

/** `-z --numstat` entries: `ins\tdel\tpath\0`, or `ins\tdel\t\0old\0new\0` for a rename. */
export function parseNumstat(text: string): CommitFile[] {
  const tokens = text.replace(/^\n+/, '').split('\0');
  const files: CommitFile[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = (tokens[i] ?? '').replace(/^\n+/, '');
    if (token === '') continue;
    const match = /^(\d+|-)\t(\d+|-)\t([\s\S]*)$/.exec(token);
    if (!match) continue;
    const [, ins = '-', del = '-', inline = ''] = match;
    let path = inline;
    if (inline === '') {
      // A rename or copy: the old and new paths follow as their own tokens.
      path = tokens[i + 2] ?? tokens[i + 1] ?? '';
      i += 2;
    }
    if (path === '') continue;
    files.push({ path, insertions: ins === '-' ? 0 : Number(ins), deletions: del === '-' ? 0 : Number(del) });
  }
  return files;
}
