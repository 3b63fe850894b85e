import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CollectCommitsOptions, collectCommits } from '../../src/collect/git/collectCommits.js';
import { diffExcerpt } from '../../src/collect/git/diffExcerpt.js';
import { languageFor } from '../../src/collect/git/languageFor.js';
import { GIT_LOG_FORMAT, parseGitLog } from '../../src/collect/git/parseGitLog.js';
import { commitSchema } from '../../src/record/schema.js';
import { createRedactor } from '../../src/redact/redact.js';
import { userError } from '../helpers/errors.js';
import { tempDir } from '../helpers/temp.js';

/** Runs git in `dir` with fixed dates and no user or system config. */
function git(dir: string, args: string[], date = '2026-01-05T12:00:00Z', committerDate = date): string {
  return execFileSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH,
      HOME: dir,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_DATE: committerDate,
      GIT_AUTHOR_NAME: 'Ann Dev',
      GIT_AUTHOR_EMAIL: 'ann@example.com',
      GIT_COMMITTER_NAME: 'Ann Dev',
      GIT_COMMITTER_EMAIL: 'ann@example.com',
    },
  });
}

function writeFiles(dir: string, files: Record<string, string | Buffer>): void {
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
}

function commit(dir: string, message: string, date: string, files: Record<string, string | Buffer>, committerDate = date): string {
  writeFiles(dir, files);
  git(dir, ['add', '-A'], date, committerDate);
  git(dir, ['commit', '-q', '-m', message], date, committerDate);
  return git(dir, ['rev-parse', 'HEAD']).trim();
}

const OLD_MIGRATION = `def upgrade():
    op.create_table(
        'habit_completions',
        sa.Column('id', sa.Integer(), primary_key=True),
    )
`;
const NEW_MIGRATION = `def upgrade():
    """Create habit_completions table if it doesn't exist"""
    from sqlalchemy import inspect

    conn = op.get_bind()
    if 'habit_completions' not in inspect(conn).get_table_names():
        op.create_table(
            'habit_completions',
            sa.Column('id', sa.Integer(), primary_key=True),
        )
`;

/**
 * mita-backend: an initial commit, a feature branch merged with --no-ff, a tagged
 * release with a binary file, then the fix (with a long README change beside it).
 */
function makeRepo(): { dir: string; hashes: Record<string, string> } {
  const root = tempDir('pm-git-');
  const dir = path.join(root, 'mita-backend');
  fs.mkdirSync(dir);
  git(dir, ['init', '-q', '-b', 'main']);
  const hashes: Record<string, string> = {};
  hashes.initial = commit(dir, 'Initial commit', '2026-01-04T09:00:00+01:00', { 'app/main.py': 'print("hi")\n', 'alembic/0021.py': OLD_MIGRATION });
  git(dir, ['checkout', '-q', '-b', 'feature']);
  hashes.feature = commit(
    dir,
    'Add habits endpoint',
    '2026-01-05T10:00:00-05:00',
    { 'app/habits.py': 'def habits():\n    return []\n' },
    '2026-01-05T10:30:00-05:00',
  );
  git(dir, ['checkout', '-q', 'main']);
  git(dir, ['merge', '-q', '--no-ff', '-m', 'Merge branch feature', 'feature'], '2026-01-05T16:00:00Z');
  hashes.merge = git(dir, ['rev-parse', 'HEAD']).trim();
  hashes.release = commit(dir, 'Release 1.4 with logo', '2026-01-05T16:30:00Z', {
    'static/logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 0, 255]),
  });
  git(dir, ['tag', 'v1.4.0'], '2026-01-05T16:30:00Z');
  git(dir, ['tag', '-a', 'release-2026-01-05', '-m', 'Release'], '2026-01-05T16:30:00Z');
  hashes.fix = commit(
    dir,
    'fix(critical): Make migration 0021 idempotent\n\nThe table already existed on Railway.\nToken used for the test run: ghp_abcdefghijklmnopqrstuvwxyz0123456789',
    '2026-01-05T18:05:00+01:00',
    { 'alembic/0021.py': NEW_MIGRATION, 'README.md': `${'Notes line\n'.repeat(30)}` },
    '2026-01-05T18:09:00+01:00',
  );
  return { dir, hashes };
}

const collect = (options: Omit<CollectCommitsOptions, 'repo'> & { repo?: string }, cwd: string) =>
  collectCommits({ repo: '.', ...options }, { cwd, redactor: createRedactor() });

describe('collectCommits in a real repository', () => {
  it('reads a window: authors, both dates with offsets, files, binary files, merges and tags', async () => {
    const { dir, hashes } = makeRepo();
    const { commits, warnings } = await collect({ since: '2026-01-05T00:00:00Z', until: '2026-01-05T23:59:59Z' }, dir);
    expect(warnings).toEqual([]);
    expect(commits.map((c) => c.subject)).toEqual([
      'fix(critical): Make migration 0021 idempotent',
      'Release 1.4 with logo',
      'Merge branch feature',
      'Add habits endpoint',
    ]);
    for (const c of commits) expect(commitSchema.parse(c)).toEqual(c);

    const [fix, release, merge, feature] = commits;
    expect(feature).toEqual({
      repo: 'mita-backend',
      hash: hashes.feature,
      author: 'Ann Dev',
      authored_at: '2026-01-05T10:00:00-05:00',
      committed_at: '2026-01-05T10:30:00-05:00',
      subject: 'Add habits endpoint',
      body: null,
      fix: false,
      merge: false,
      tags: [],
      files: [{ path: 'app/habits.py', insertions: 2, deletions: 0 }],
      diff: null,
      diff_language: null,
    });
    expect(merge).toMatchObject({ hash: hashes.merge, merge: true, files: [], fix: false });
    expect(release).toMatchObject({ tags: ['release-2026-01-05', 'v1.4.0'], files: [{ path: 'static/logo.png', insertions: 0, deletions: 0 }] });
    expect(fix).toMatchObject({
      hash: hashes.fix,
      authored_at: '2026-01-05T18:05:00+01:00',
      committed_at: '2026-01-05T18:09:00+01:00',
      fix: true,
      files: [
        { path: 'README.md', insertions: 30, deletions: 0 },
        { path: 'alembic/0021.py', insertions: 9, deletions: 4 },
      ],
    });
  });

  it('shows the fix commit as a diff excerpt of its source file, redacted, with the language', async () => {
    const { dir } = makeRepo();
    const { commits } = await collect({ since: '2026-01-05T17:00:00Z' }, dir);
    const [fix] = commits;
    // The README change is larger, but the excerpt prefers source code.
    expect(fix?.diff_language).toBe('python');
    expect(fix?.diff).toMatchInlineSnapshot(`
      "@@ -1,5 +1,10 @@
       def upgrade():
      -    op.create_table(
      -        'habit_completions',
      -        sa.Column('id', sa.Integer(), primary_key=True),
      -    )
      +    """Create habit_completions table if it doesn't exist"""
      +    from sqlalchemy import inspect
      +
      +    conn = op.get_bind()
      +    if 'habit_completions' not in inspect(conn).get_table_names():
      +        op.create_table(
      +            'habit_completions',
      +            sa.Column('id', sa.Integer(), primary_key=True),
      +        )"
    `);
    expect(fix?.body).toBe('The table already existed on Railway.\nToken used for the test run: [REDACTED:github-token]');
    expect(JSON.stringify(commits)).not.toContain('ghp_');
  });

  it('redacts a secret inside the diff excerpt', async () => {
    const { dir } = makeRepo();
    commit(dir, 'Rotate the deploy token', '2026-01-06T09:00:00Z', { 'deploy/config.py': `GITHUB_TOKEN = "ghp_${'x'.repeat(36)}"\nREGION = "eu"\n` });
    const { commits } = await collect({ since: '2026-01-06T00:00:00Z' }, dir);
    expect(commits[0]?.diff).toBe('@@ -0,0 +1,2 @@\n+GITHUB_TOKEN = "[REDACTED:github-token]"\n+REGION = "eu"');
  });

  it('keeps the email out: the author is the name only', async () => {
    const { dir } = makeRepo();
    const { commits } = await collect({ since: '2026-01-01T00:00:00Z' }, dir);
    expect(JSON.stringify(commits)).not.toContain('ann@example.com');
  });

  it('marks the commit named by --fix, even outside the window (with a warning)', async () => {
    const { dir, hashes } = makeRepo();
    const inside = await collect({ since: '2026-01-05T00:00:00Z', fix: hashes.feature?.slice(0, 8) }, dir);
    expect(inside.commits.filter((c) => c.fix).map((c) => c.hash)).toEqual([hashes.feature]);
    expect(inside.commits.find((c) => c.fix)).toMatchObject({ diff: '@@ -0,0 +1,2 @@\n+def habits():\n+    return []', diff_language: 'python' });

    const outside = await collect({ since: '2026-01-05T17:00:00Z', fix: hashes.initial }, dir);
    expect(outside.commits.map((c) => [c.hash, c.fix])).toEqual([
      [hashes.fix, false],
      [hashes.initial, true],
    ]);
    expect(outside.warnings).toEqual([`mita-backend: the fix commit ${hashes.initial?.slice(0, 12)} is outside the window; it was added.`]);
  });

  it('applies the window exactly, both ends inclusive, whatever the offsets', async () => {
    const { dir } = makeRepo();
    // 18:09+01:00 is 17:09Z: the fix; 16:30Z is the release.
    const { commits } = await collect({ since: '2026-01-05T17:30:00+01:00', until: '2026-01-05T18:09:00+01:00' }, dir);
    expect(commits.map((c) => c.subject)).toEqual(['fix(critical): Make migration 0021 idempotent', 'Release 1.4 with logo']);
  });

  it('warns, and does not fail, when the window holds no commits', async () => {
    const { dir } = makeRepo();
    const result = await collect({ since: '2025-06-01T00:00:00Z', until: '2025-06-02T00:00:00Z', paths: ['alembic'] }, dir);
    expect(result).toEqual({
      commits: [],
      warnings: ['mita-backend: no commits touching alembic between 2025-06-01T00:00:00Z and 2025-06-02T00:00:00Z.'],
    });
  });

  it('filters by --path', async () => {
    const { dir } = makeRepo();
    const { commits } = await collect({ since: '2026-01-01T00:00:00Z', paths: ['alembic'] }, dir);
    expect(commits.map((c) => c.subject)).toEqual(['fix(critical): Make migration 0021 idempotent', 'Initial commit']);
  });

  it('reads a range, and a folder inside the repository', async () => {
    const { dir } = makeRepo();
    const { commits } = await collect({ repo: 'alembic', range: 'v1.4.0..HEAD' }, dir);
    expect(commits.map((c) => [c.subject, c.fix])).toEqual([['fix(critical): Make migration 0021 idempotent', true]]);
    const toTag = await collect({ range: 'main~2..v1.4.0' }, dir);
    expect(toTag.commits.map((c) => c.subject)).toEqual(['Release 1.4 with logo']);
  });

  it('names the repository after its remote, when it has one', async () => {
    const { dir } = makeRepo();
    const clone = path.join(path.dirname(dir), 'checkout');
    git(path.dirname(dir), ['clone', '-q', dir, clone]);
    const { commits } = await collect({ since: '2026-01-05T17:00:00Z' }, clone);
    expect(commits[0]?.repo).toBe('mita-backend');
  });

  it('warns about an empty repository', async () => {
    const dir = tempDir('pm-git-empty-');
    git(dir, ['init', '-q', '-b', 'main']);
    const result = await collect({ since: '2026-01-05T00:00:00Z' }, dir);
    expect(result).toEqual({ commits: [], warnings: [`${path.basename(dir)}: the repository has no commits yet.`] });
  });
});

describe('collectCommits errors', () => {
  it('refuses a folder that is not a repository, and one that does not exist', async () => {
    const dir = tempDir('pm-not-git-');
    const notRepo = await userError(collect({ since: '2026-01-05T00:00:00Z' }, dir));
    expect([notRepo.code, notRepo.exitCode, notRepo.message, notRepo.hint]).toMatchInlineSnapshot(`
      [
        "not-a-repository",
        3,
        ". is not inside a git repository.",
        "Pass --repo the folder of a git checkout (where \`git status\` works); nothing was written.",
      ]
    `);
    const missing = await userError(collect({ repo: 'nope', since: '2026-01-05T00:00:00Z' }, dir));
    expect([missing.code, missing.exitCode, missing.message]).toEqual(['repo-not-found', 4, 'The repository folder nope does not exist.']);
  });

  it('refuses a bad ref or range with exit code 3', async () => {
    const { dir } = makeRepo();
    const badRange = await userError(collect({ range: 'v9.9.9..HEAD' }, dir));
    expect([badRange.code, badRange.exitCode, badRange.message, badRange.hint]).toMatchInlineSnapshot(`
      [
        "bad-ref",
        3,
        "--range: "v9.9.9" is not a commit in mita-backend.",
        "Check the name with \`git rev-parse v9.9.9\` (a branch, tag or commit hash). Nothing was written.",
      ]
    `);
    expect((await userError(collect({ range: 'main' }, dir))).code).toBe('bad-range');
    expect((await userError(collect({ since: '2026-01-05T00:00:00Z', fix: 'deadbeef' }, dir))).message).toBe(
      '--fix: "deadbeef" is not a commit in mita-backend.',
    );
    expect((await userError(collect({ since: 'yesterday' }, dir))).exitCode).toBe(3);
    const outside = await userError(collect({ since: '2026-01-05T00:00:00Z', paths: ['../elsewhere'] }, dir));
    expect([outside.code, outside.exitCode]).toEqual(['bad-path', 3]);
    expect((await userError(collect({ since: '2026-01-06T00:00:00Z', until: '2026-01-05T00:00:00Z' }, dir))).code).toBe('invalid-window');
  });

  it('never lets a user-given ref or path act as a git option', async () => {
    const { dir } = makeRepo();
    const planted = path.join(path.dirname(dir), 'planted');
    for (const options of [
      { range: `--output=${planted}..HEAD` },
      { range: `HEAD..--output=${planted}` },
      { since: '2026-01-05T00:00:00Z', fix: `--output=${planted}` },
    ]) {
      expect((await userError(collect(options, dir))).code).toBe('bad-ref');
    }
    const asPath = await collect({ since: '2026-01-01T00:00:00Z', paths: [`--output=${planted}`] }, dir);
    expect(asPath.commits).toEqual([]);
    expect(fs.existsSync(planted)).toBe(false);
  });

  it('handles a shallow clone: a warning when the window reaches past its history, an error when it lies wholly before', async () => {
    const { dir } = makeRepo();
    const shallow = path.join(path.dirname(dir), 'shallow');
    git(path.dirname(dir), ['clone', '-q', '--depth', '1', `file://${dir}`, shallow]);

    const partial = await collect({ since: '2026-01-05T00:00:00Z' }, shallow);
    expect(partial.commits.map((c) => c.subject)).toEqual(['fix(critical): Make migration 0021 idempotent']);
    expect(partial.warnings).toEqual([
      expect.stringMatching(
        /^mita-backend: this is a shallow clone and its history stops at [0-9a-f]{12}; earlier commits are missing: run `git fetch --unshallow`/,
      ),
    ]);

    const before = await userError(collect({ since: '2026-01-04T00:00:00Z', until: '2026-01-04T23:00:00Z' }, shallow));
    expect([before.code, before.message]).toEqual([
      'shallow-clone',
      'mita-backend is a shallow clone whose history starts at 2026-01-05T17:09:00Z, after the window ends, so no commits could be read.',
    ]);

    const range = await userError(collect({ range: 'v1.4.0..HEAD' }, shallow));
    expect(range.hint).toContain('This clone is shallow');
  });
});

describe('parseGitLog', () => {
  it('parses records whatever the message holds, and renames', () => {
    const hash = 'a'.repeat(40);
    const text =
      `\x1e${hash}\x1f${'b'.repeat(40)}\x1f2026-01-05T17:00:00+01:00\x1f2026-01-05T17:05:00+01:00\x1ftag: v1, tag: v1.0.0\x1fBo\x1fsubject\x1fbody \x1e with \x1f separators\n\x1f\0` +
      `\n3\t1\tsrc/a.ts\0-\t-\tlogo.png\0` +
      `0\t0\t\0old/name.ts\0new/name.ts\0`;
    expect(parseGitLog(text, { repo: 'r' })).toEqual([
      {
        repo: 'r',
        hash,
        author: 'Bo',
        authored_at: '2026-01-05T17:00:00+01:00',
        committed_at: '2026-01-05T17:05:00+01:00',
        subject: 'subject',
        body: 'body \x1e with \x1f separators',
        fix: false,
        merge: false,
        tags: ['v1', 'v1.0.0'],
        files: [
          { path: 'src/a.ts', insertions: 3, deletions: 1 },
          { path: 'logo.png', insertions: 0, deletions: 0 },
          { path: 'new/name.ts', insertions: 0, deletions: 0 },
        ],
        diff: null,
        diff_language: null,
      },
    ]);
    expect(GIT_LOG_FORMAT).toContain('%x1e%H');
  });
});

describe('diffExcerpt and languageFor', () => {
  const hunk = (start: number, changed: number) => [
    `@@ -${start},1 +${start},${changed} @@`,
    ...Array.from({ length: changed }, (_, i) => `+line ${start + i}`),
  ];

  it('keeps whole hunks that fit, the largest first, shown in file order', () => {
    const patch = ['diff --git a/x.py b/x.py', 'index 1..2 100644', '--- a/x.py', '+++ b/x.py', ...hunk(1, 2), ...hunk(100, 60), ...hunk(300, 30)].join('\n');
    const excerpt = diffExcerpt(patch) ?? '';
    expect(excerpt.split('\n')).toEqual([...hunk(1, 2), ...hunk(100, 60)]);
  });

  it('cuts a single hunk too large for the cap', () => {
    const excerpt = diffExcerpt(hunk(1, 200).join('\n'), { maxLines: 10 }) ?? '';
    expect(excerpt.split('\n')).toEqual([...hunk(1, 200).slice(0, 9), '... (192 more lines)']);
    const bytes = diffExcerpt(['@@ -1 +1 @@', `+${'x'.repeat(20_000)}`].join('\n'));
    expect(bytes).toBe('@@ -1 +1 @@\n... (1 more lines)');
  });

  it('returns null for a binary patch', () => {
    expect(diffExcerpt('diff --git a/a.png b/a.png\nBinary files a/a.png and b/a.png differ\n')).toBeNull();
  });

  it('names languages from file names', () => {
    expect(['a/b.py', 'x.ts', 'Dockerfile', 'go.mod', 'main.go', 'q.SQL', '.env', 'c.tsx'].map(languageFor)).toEqual([
      'python',
      'typescript',
      'dockerfile',
      null,
      'go',
      'sql',
      null,
      'tsx',
    ]);
  });
});
