// Builds, on the fly, the git repository of the migration 0021 fix: the
// migration as it shipped, an unrelated commit, and the fix, at fixed dates,
// so `postmortem collect commits` has real history to read. The Change-Id
// trailers were chosen so the commits get the report's hashes, 8137e53 and
// 8ffb275 (a brute-force search over the trailer, done once).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('../../incidents/2026-01-05-migration-0021-duplicate-table/repo/', import.meta.url));
const MIGRATION = 'alembic/versions/0021_add_habit_completions_table.py';

const COMMITS = [
  {
    date: '2026-01-04T10:12:00Z',
    message: 'feat(habits): Track habit completions (migration 0021)',
    files: { [MIGRATION]: 'before.py', 'app/models/habit_completion.py': null },
  },
  {
    date: '2026-01-05T16:41:00Z',
    message: 'chore(deps): Bump fastapi to 0.115.6\n\nChange-Id: I4a1d0c7e93b25f68e0d14c9ab7f3e62148cf7542',
    files: { 'requirements.txt': null },
  },
  {
    date: '2026-01-05T17:09:00Z',
    message:
      'fix(critical): Make migration 0021 idempotent to fix Railway crash\n\nThe habit_completions table already existed in production, so\n`alembic upgrade head` failed with DuplicateTable and the service crashed\non startup. Check for the table before creating it and its indexes.\n\nChange-Id: I7c2e9b04d1f6a83e5b0c47d9e2a1f86b113c1a1e',
    files: { [MIGRATION]: 'after.py' },
  },
];

const GENERATED = {
  'app/models/habit_completion.py':
    'from sqlalchemy.orm import Mapped, mapped_column\n\nfrom app.db import Base\n\n\nclass HabitCompletion(Base):\n    __tablename__ = "habit_completions"\n\n    id: Mapped[str] = mapped_column(primary_key=True)\n',
  'requirements.txt': 'fastapi==0.115.6\nuvicorn[standard]==0.34.0\nalembic==1.14.0\npsycopg2-binary==2.9.10\nsqlalchemy==2.0.36\n',
};

/** Creates the repository in `dir` (emptied first) and returns the fix commit's hash. */
export function makeFixRepo(dir) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const git = (args, env = {}) =>
    execFileSync('git', args, {
      cwd: dir,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_CONFIG_NOSYSTEM: '1',
        HOME: dir,
        GIT_AUTHOR_NAME: 'DevOps Specialist',
        GIT_AUTHOR_EMAIL: 'devops@mita.example',
        GIT_COMMITTER_NAME: 'DevOps Specialist',
        GIT_COMMITTER_EMAIL: 'devops@mita.example',
        ...env,
      },
    }).trim();
  git(['init', '--quiet', '--initial-branch=main']);
  for (const commit of COMMITS) {
    for (const [file, source] of Object.entries(commit.files)) {
      const target = path.join(dir, file);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, source ? fs.readFileSync(path.join(here, source)) : GENERATED[file]);
    }
    git(['add', '--all']);
    git(['commit', '--quiet', '--message', commit.message], { GIT_AUTHOR_DATE: commit.date, GIT_COMMITTER_DATE: commit.date });
  }
  return git(['rev-parse', 'HEAD']);
}
