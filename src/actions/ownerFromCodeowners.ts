import fs from 'node:fs';
import path from 'node:path';
import type { Incident } from '../record/schema.js';
import { parseCodeowners, type SuggestedOwner, suggestOwner } from './codeowners.js';

/** Where GitHub looks for CODEOWNERS, in its order: the first one found is used. */
export const CODEOWNERS_LOCATIONS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'] as const;

export type OwnerSuggestion = ({ found: true; file: string } & SuggestedOwner & { touched: string[] }) | { found: false; reason: string };

/**
 * Finds the CODEOWNERS file of the repository at (or above) `repoDir`: the
 * folder itself first, then each parent up to the one holding `.git`.
 */
export function findCodeowners(repoDir: string): string | null {
  let dir = path.resolve(repoDir);
  for (;;) {
    for (const location of CODEOWNERS_LOCATIONS) {
      const file = path.join(dir, location);
      if (fs.existsSync(file) && fs.statSync(file).isFile()) return file;
    }
    const parent = path.dirname(dir);
    if (fs.existsSync(path.join(dir, '.git')) || parent === dir) return null;
    dir = parent;
  }
}

/** The files the fix changed: those of commits marked as the fix, else of every collected commit. */
export function fixFiles(incident: Incident): string[] {
  const commits = incident.evidence.commits;
  const fixes = commits.some((c) => c.fix) ? commits.filter((c) => c.fix) : commits;
  return [...new Set(fixes.flatMap((c) => c.files.map((f) => f.path)))];
}

/** Suggests an owner for a new action item from CODEOWNERS and the files the fix touched; says why when it cannot. */
export function ownerFromCodeowners(incident: Incident, repoDir: string): OwnerSuggestion {
  const touched = fixFiles(incident);
  if (touched.length === 0) return { found: false, reason: 'no fix commit with changed files was collected (`postmortem collect commits`)' };
  const file = findCodeowners(repoDir);
  if (!file) return { found: false, reason: `no CODEOWNERS file in ${repoDir} (looked in ${CODEOWNERS_LOCATIONS.join(', ')})` };
  const suggestion = suggestOwner(parseCodeowners(fs.readFileSync(file, 'utf8')), touched);
  if (!suggestion) return { found: false, reason: `no rule in ${file} owns the ${touched.length} file${touched.length === 1 ? '' : 's'} the fix changed` };
  return { found: true, file, touched, ...suggestion };
}
