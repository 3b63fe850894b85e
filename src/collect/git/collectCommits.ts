import fs from 'node:fs';
import path from 'node:path';
import { EXIT, UserError } from '../../errors.js';
import type { Commit } from '../../record/schema.js';
import { formatTimestamp, parseTimestamp } from '../../record/time.js';
import type { Redactor } from '../../redact/redact.js';
import { diffExcerpt } from './diffExcerpt.js';
import { isSourceCode, languageFor } from './languageFor.js';
import { GIT_LOG_FORMAT, parseGitLog } from './parseGitLog.js';
import { type GitResult, runGit } from './runGit.js';

/** What `collectCommits` reads: one repository, and a time window or a range. */
export interface CollectCommitsOptions {
  /** The repository folder (or any folder inside it), relative to `ctx.cwd`. */
  repo: string;
  /** Window start, a timestamp with an offset; commits are selected by committer date, inclusive. */
  since?: string;
  /** Window end, inclusive; without it the window runs to the newest commit. */
  until?: string;
  /** `A..B` (or `A...B`; an empty side means HEAD) instead of a window. */
  range?: string;
  /** Only commits touching these paths (git pathspecs, relative to `repo`). */
  paths?: string[];
  /** The fix commit; without it, the newest non-merge commit collected. */
  fix?: string;
}

export interface CollectCommitsContext {
  /** Where a relative `repo` is resolved from. */
  cwd: string;
  /** Commit messages and the diff excerpt pass through it. */
  redactor: Pick<Redactor, 'redact'>;
}

export interface CollectCommitsResult {
  /** Newest first, as git lists them (a `fix` from outside the window comes last); one has `fix: true` unless none were found. */
  commits: Commit[];
  warnings: string[];
}

const LOG_ARGS = ['log', '-z', '--no-color', '--no-ext-diff', `--format=${GIT_LOG_FORMAT}`, '--numstat', '--decorate-refs=refs/tags/'];
const EXCERPT_SOURCE_LIMIT = 2 * 1024 * 1024;

/**
 * Reads the commits of one repository in a time window or a range with real `git`:
 * author name (never the email), both dates with their offsets, files with line counts,
 * merge flag, tags, and for the fix commit a redacted diff excerpt and its language.
 * Call it once per repository; the caller merges. Throws a UserError for a missing
 * folder, a folder outside any repository, a bad ref or range, a shallow clone whose
 * history ends before the window, or a missing git; an empty window is a warning.
 */
export async function collectCommits(options: CollectCommitsOptions, ctx: CollectCommitsContext): Promise<CollectCommitsResult> {
  const window = parseWindow(options);
  const dir = path.resolve(ctx.cwd, options.repo);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new UserError('repo-not-found', `The repository folder ${options.repo} does not exist.`, {
      exitCode: EXIT.notFound,
      hint: 'Pass --repo the folder of a git checkout; nothing was written.',
    });
  }
  const paths = options.paths ?? [];

  // One round of git runs, side by side: each spawn costs ~10 ms, the log itself little more.
  const bounds: string[] = [];
  if (window.kind === 'window') {
    // git compares whole seconds; the exact bounds are applied below.
    bounds.push(`--since=${formatTimestamp(Math.floor(window.since / 1000) * 1000)}`);
    if (window.until !== null) bounds.push(`--until=${formatTimestamp(Math.ceil(window.until / 1000) * 1000)}`);
  }
  // --end-of-options: a ref such as `--output=x` stays a ref; git then refuses it.
  const args = [...LOG_ARGS, ...bounds, '--end-of-options', window.kind === 'range' ? window.range : 'HEAD', '--', ...paths];
  const refs = window.kind === 'range' ? rangeRefs(window.range) : [];
  const [info, remotes, log, refChecks, fixCheck] = await Promise.all([
    runGit(['rev-parse', '--absolute-git-dir', '--is-bare-repository', '--is-shallow-repository', '--show-toplevel'], dir),
    runGit(['config', '--get-regexp', '^remote\\..*\\.url$'], dir),
    window.kind === 'window' && paths.length === 0 ? logWindow(dir, bounds) : runGit(args, dir),
    Promise.all(refs.map((ref) => verifyRef(dir, ref))),
    options.fix === undefined ? null : verifyRef(dir, options.fix),
  ]);
  const repo = await inspectRepository(dir, options.repo, info, remotes);
  const warnings: string[] = [];
  const warn = (text: string) => warnings.push(`${repo.label}: ${text}`);

  if (log.code !== 0 && !(await hasHead(dir))) {
    warn('the repository has no commits yet.');
    return { commits: [], warnings };
  }
  refs.forEach((ref, index) => {
    if (refChecks[index] === null) throw badRef(ref, '--range', repo);
  });
  if (fixCheck === null && options.fix !== undefined) throw badRef(options.fix, '--fix', repo);
  const fixHash = fixCheck ?? null;
  if (log.code !== 0 && /outside repository|bad pathspec|pathspec magic/i.test(log.stderr)) {
    throw new UserError('bad-path', `--path: git refused a path in ${repo.label}.`, {
      exitCode: EXIT.invalidInput,
      details: firstLines(log.stderr),
      hint: 'Give paths inside the repository, relative to --repo (for example --path alembic/versions); nothing was written.',
    });
  }
  if (log.code !== 0) throw gitFailed(log, options.repo, 'git log');

  let commits = parseGitLog(log.stdout, { repo: repo.label });
  if (window.kind === 'window') {
    commits = commits.filter((commit) => {
      const at = commit.committed_at === null ? Number.NaN : Date.parse(commit.committed_at);
      return at >= window.since && (window.until === null || at <= window.until);
    });
  }

  if (repo.shallow.size > 0) await checkShallow(dir, repo, window, commits, warn);

  if (commits.length === 0) {
    const where = paths.length > 0 ? ` touching ${paths.join(', ')}` : '';
    warn(window.kind === 'range' ? `no commits in ${window.range}${where}.` : `no commits${where} ${describeWindow(window)}.`);
  }

  // The fix: the one named, or the newest non-merge commit.
  let fix = fixHash === null ? newestNonMerge(commits) : commits.find((commit) => commit.hash === fixHash);
  if (fixHash !== null && !fix) {
    const single = await runGit([...LOG_ARGS, '--no-walk', '--end-of-options', fixHash], dir);
    if (single.code !== 0) throw gitFailed(single, options.repo, 'git log');
    fix = parseGitLog(single.stdout, { repo: repo.label })[0];
    if (fix) {
      commits.push(fix);
      warn(`the fix commit ${fixHash.slice(0, 12)} is outside the ${window.kind === 'range' ? 'range' : 'window'}; it was added.`);
    }
  }
  if (fix) {
    fix.fix = true;
    Object.assign(fix, await fixDiff(dir, fix, ctx.redactor));
  }

  for (const commit of commits) {
    commit.subject = ctx.redactor.redact(commit.subject);
    if (commit.body !== null) commit.body = ctx.redactor.redact(commit.body);
  }
  return { commits, warnings };
}

type Window = { kind: 'window'; since: number; until: number | null; sinceText: string; untilText: string | null } | { kind: 'range'; range: string };

function parseWindow(options: CollectCommitsOptions): Window {
  const invalid = (message: string, hint: string) => new UserError('invalid-window', message, { exitCode: EXIT.invalidInput, hint });
  if (options.range !== undefined) {
    if (options.since !== undefined || options.until !== undefined) {
      throw invalid(
        'Give either a time window (--since/--until) or a range (--range), not both.',
        'Use --since and --until, or --range A..B; nothing was written.',
      );
    }
    if (options.range.trim() === '') throw invalid('The range is empty.', 'Write a range like v1.4.0..v1.5.0 or abc123..HEAD; nothing was written.');
    return { kind: 'range', range: options.range.trim() };
  }
  if (options.since === undefined) {
    throw invalid('Commits need a time window or a range.', 'Pass --since and --until (timestamps with an offset), or --range A..B; nothing was written.');
  }
  const since = parseTimestamp(options.since);
  if (!since.ok) throw invalid(`--since: ${since.error}.`, 'Write times like 2026-01-05T17:00:00Z; nothing was written.');
  let until: ReturnType<typeof parseTimestamp> | null = null;
  if (options.until !== undefined) {
    until = parseTimestamp(options.until);
    if (!until.ok) throw invalid(`--until: ${until.error}.`, 'Write times like 2026-01-05T18:00:00Z; nothing was written.');
    if (until.value.epochMs < since.value.epochMs) {
      throw invalid(`The window ends (${until.value.text}) before it starts (${since.value.text}).`, 'Swap --since and --until; nothing was written.');
    }
  }
  return {
    kind: 'window',
    since: since.value.epochMs,
    sinceText: since.value.text,
    until: until?.ok ? until.value.epochMs : null,
    untilText: until?.ok ? until.value.text : null,
  };
}

function describeWindow(window: Extract<Window, { kind: 'window' }>): string {
  return window.untilText === null ? `since ${window.sinceText}` : `between ${window.sinceText} and ${window.untilText}`;
}

interface RepositoryInfo {
  label: string;
  /** Hashes where a shallow clone's history is cut; empty for a full clone. */
  shallow: Set<string>;
}

async function inspectRepository(dir: string, given: string, info: GitResult, remotes: GitResult): Promise<RepositoryInfo> {
  // In a bare repository --show-toplevel fails after printing the first three answers.
  const [gitDir = dir, bare = '', shallowFlag = 'false', top = ''] = info.stdout.split('\n').map((line) => line.trim());
  if (info.code !== 0 && bare !== 'true') {
    throw new UserError('not-a-repository', `${given} is not inside a git repository.`, {
      exitCode: EXIT.invalidInput,
      hint: 'Pass --repo the folder of a git checkout (where `git status` works); nothing was written.',
      details: firstLines(info.stderr),
    });
  }
  const shallow = new Set<string>();
  if (shallowFlag === 'true') {
    const text = await fs.promises.readFile(path.join(gitDir, 'shallow'), 'utf8').catch(() => '');
    for (const line of text.split('\n')) if (line.trim()) shallow.add(line.trim());
  }
  const folder = path.basename(bare === 'true' ? gitDir : top || dir).replace(/\.git$/, '');
  return { label: remoteName(remotes.stdout) ?? folder, shallow };
}

/**
 * What `git log <LOG_ARGS> <bounds> HEAD` prints, in two runs: `git rev-list` walks from HEAD back
 * to the window keeping nothing, then `git log --no-walk` formats only the window's commits, in
 * the walk's order. One `git log` keeps the text of every commit it walks in case it formats it:
 * for an old window in a long history without a commit-graph that is about a fifth more CPU than
 * the walk itself (which no invocation avoids: git has to read every commit from HEAD back).
 * With paths the one `git log` stays, as history simplification decides what it lists.
 */
async function logWindow(dir: string, bounds: string[]): Promise<GitResult> {
  const walk = await runGit(['rev-list', ...bounds, '--end-of-options', 'HEAD', '--'], dir);
  if (walk.code !== 0 || walk.stdout.trim() === '') return walk;
  return runGit([...LOG_ARGS, '--no-walk=unsorted', '--stdin'], dir, walk.stdout);
}

async function hasHead(dir: string): Promise<boolean> {
  return (await runGit(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], dir)).code === 0;
}

/** `remote.origin.url git@github.com:acme/mita-backend.git` → `mita-backend` (origin first). */
function remoteName(configText: string): string | null {
  const urls = new Map<string, string>();
  for (const line of configText.split('\n')) {
    const match = /^remote\.(.+)\.url (.+)$/.exec(line.trim());
    if (match?.[1] && match[2]) urls.set(match[1], match[2]);
  }
  const url = urls.get('origin') ?? [...urls.values()][0];
  if (!url) return null;
  const name = url
    .replace(/[?#].*$/, '')
    .replace(/[/\\]+$/, '')
    .split(/[/\\:]/)
    .pop()
    ?.replace(/\.git$/, '');
  return name || null;
}

/** The two ends of `A..B` or `A...B`; an empty end is HEAD. */
function rangeRefs(range: string): string[] {
  const match = /^(.*?)\.\.\.?(.*)$/.exec(range);
  if (!match) {
    throw new UserError('bad-range', `"${range}" is not a range.`, {
      exitCode: EXIT.invalidInput,
      hint: 'Write a range like v1.4.0..v1.5.0 or abc123..HEAD (commits in the second but not the first); nothing was written.',
    });
  }
  return [match[1] || 'HEAD', match[2] || 'HEAD'];
}

/** The full hash of a commit-ish the user gave, or null; it cannot act as an option. */
async function verifyRef(dir: string, ref: string): Promise<string | null> {
  const result = await runGit(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], dir);
  const hash = result.stdout.trim();
  return result.code === 0 && /^[0-9a-f]{40,64}$/.test(hash) ? hash : null;
}

function badRef(ref: string, option: string, repo: RepositoryInfo): UserError {
  const shallowHint = repo.shallow.size > 0 ? ' This clone is shallow, so older commits may be missing: run `git fetch --unshallow` first.' : '';
  return new UserError('bad-ref', `${option}: "${ref}" is not a commit in ${repo.label}.`, {
    exitCode: EXIT.invalidInput,
    hint: `Check the name with \`git rev-parse ${ref.startsWith('-') ? '--end-of-options ' : ''}${ref}\` (a branch, tag or commit hash).${shallowHint} Nothing was written.`,
  });
}

async function checkShallow(dir: string, repo: RepositoryInfo, window: Window, commits: Commit[], warn: (text: string) => void): Promise<void> {
  const cut = commits.find((commit) => repo.shallow.has(commit.hash));
  const fetchHint = 'run `git fetch --unshallow` (or `git fetch --shallow-since=<date>`) and collect again';
  if (cut) {
    warn(`this is a shallow clone and its history stops at ${cut.hash.slice(0, 12)}; earlier commits are missing: ${fetchHint}.`);
    return;
  }
  if (window.kind !== 'window') return;
  // When does the kept history start? The newest cut is the safe answer.
  const dates = await runGit(['log', '--no-walk', '--format=%ct', '--end-of-options', ...repo.shallow], dir);
  const cutAt = Math.max(
    ...dates.stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => Number(line) * 1000),
  );
  if (!Number.isFinite(cutAt) || cutAt <= window.since) return;
  const cutText = formatTimestamp(cutAt);
  if (commits.length === 0 && window.until !== null && window.until < cutAt) {
    throw new UserError(
      'shallow-clone',
      `${repo.label} is a shallow clone whose history starts at ${cutText}, after the window ends, so no commits could be read.`,
      {
        exitCode: EXIT.invalidInput,
        hint: `In that repository ${fetchHint}; nothing was written.`,
      },
    );
  }
  warn(`this is a shallow clone whose history starts at ${cutText}, inside the window; earlier commits are missing: ${fetchHint}.`);
}

function newestNonMerge(commits: Commit[]): Commit | undefined {
  let best: Commit | undefined;
  for (const commit of commits) {
    if (commit.merge) continue;
    if (!best || epoch(commit) > epoch(best)) best = commit;
  }
  return best;
}

function epoch(commit: Commit): number {
  return commit.committed_at === null ? Number.NEGATIVE_INFINITY : Date.parse(commit.committed_at);
}

/** The diff excerpt of the fix: the largest source file's hunks, redacted, with its language. */
async function fixDiff(dir: string, commit: Commit, redactor: Pick<Redactor, 'redact'>): Promise<Pick<Commit, 'diff' | 'diff_language'>> {
  const candidates = commit.files
    .filter((file) => file.insertions + file.deletions > 0)
    .sort(
      (a, b) =>
        Number(isSourceCode(b.path)) - Number(isSourceCode(a.path)) ||
        b.insertions + b.deletions - (a.insertions + a.deletions) ||
        a.path.localeCompare(b.path),
    );
  const file = candidates[0];
  if (!file) return { diff: null, diff_language: null };
  const show = await runGit(
    [
      '--literal-pathspecs',
      'show',
      '--no-color',
      '--no-ext-diff',
      '--no-textconv',
      '--format=',
      '--patch',
      '--unified=3',
      '--end-of-options',
      commit.hash,
      '--',
      file.path,
    ],
    dir,
  );
  if (show.code !== 0) return { diff: null, diff_language: null };
  // Redact before cutting, so a secret is never half-kept at the edge.
  const excerpt = diffExcerpt(redactor.redact(show.stdout.slice(0, EXCERPT_SOURCE_LIMIT)));
  return { diff: excerpt, diff_language: excerpt === null ? null : languageFor(file.path) };
}

function gitFailed(result: GitResult, repo: string, what: string): UserError {
  return new UserError('git-failed', `${what} failed in ${repo} (exit ${result.code}).`, {
    details: firstLines(result.stderr),
    hint: 'Run the same git command in that folder to see the problem; nothing was written.',
  });
}

function firstLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .slice(0, 5);
}
