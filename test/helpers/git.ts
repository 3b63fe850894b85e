import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** A real git repository in `dir` with one commit of `files`, made at `date` by a fixed author (no user or system config). */
export function repoWithOneCommit(dir: string, files: Record<string, string>, message: string, date: string): string {
  const env = {
    ...process.env,
    GIT_CONFIG_NOSYSTEM: '1',
    HOME: dir,
    GIT_AUTHOR_NAME: 'Dev',
    GIT_AUTHOR_EMAIL: 'dev@example.com',
    GIT_COMMITTER_NAME: 'Dev',
    GIT_COMMITTER_EMAIL: 'dev@example.com',
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_DATE: date,
  };
  fs.mkdirSync(dir, { recursive: true });
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env, stdio: 'ignore' });
  git('init', '--quiet', '--initial-branch=main');
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  git('add', '--all');
  git('commit', '--quiet', '--message', message);
  return dir;
}
