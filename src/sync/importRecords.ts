import fs from 'node:fs';
import path from 'node:path';
import { incidentExists, loadIncident, saveIncident } from '../db/incidentStore.js';
import type { Db } from '../db/open.js';
import { EXIT, UserError } from '../errors.js';
import { parseIncidentFile, serializeIncident } from '../record/fileForm.js';
import type { Incident } from '../record/schema.js';
import { mergeIncidents, sameContent } from './merge.js';
import { readSyncBase, withActionIds, writeSyncBase } from './syncState.js';

export type ImportOutcome = 'created' | 'updated' | 'merged' | 'unchanged' | 'conflict' | 'overwritten';

export interface ImportedFile {
  file: string;
  id: string;
  outcome: ImportOutcome;
  /** Fields taken from the file. */
  fields: string[];
  /** Conflicting fields (outcome `conflict`), or local fields kept (outcome `merged`). */
  conflicts: string[];
  keptLocal: string[];
  /** For `overwritten`: where the replaced local version was saved. */
  backup: string | null;
}

export interface ImportOptions {
  /** Take the file's version when both sides changed, saving the local version to `backupDir`. */
  theirs?: boolean;
  /** Import the clean files and leave conflicting incidents untouched (exit code still says conflict). */
  skipConflicts?: boolean;
  backupDir: string;
  now: string;
}

export interface ImportResult {
  files: ImportedFile[];
  written: boolean;
}

const RECORD_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/** Expands files and folders into the record files to import, sorted for a stable order. */
export function collectRecordFiles(inputs: readonly string[]): string[] {
  const files: string[] = [];
  for (const input of inputs) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(input);
    } catch {
      throw new UserError('file-missing', `${input} does not exist.`, { exitCode: EXIT.notFound, hint: 'Check the path; nothing was written.' });
    }
    if (stat.isDirectory()) {
      const inside = fs
        .readdirSync(input, { withFileTypes: true })
        .filter((entry) => entry.isFile() && RECORD_EXTENSIONS.has(path.extname(entry.name).toLowerCase()))
        .map((entry) => path.join(input, entry.name))
        .sort();
      files.push(...inside);
    } else {
      files.push(input);
    }
  }
  return files;
}

/**
 * Imports record files: validates every file first (nothing is written if one
 * is invalid), then upserts in one transaction with a three-way merge against
 * the last shared version, so neither a pull request's edit nor a local edit is lost.
 */
export function importRecordFiles(db: Db, files: readonly string[], options: ImportOptions): ImportResult {
  const parsed: { file: string; incident: Incident }[] = [];
  const problems: UserError[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    try {
      const incident = withActionIds(parseIncidentFile(fs.readFileSync(file, 'utf8'), file));
      const earlier = seen.get(incident.id);
      if (earlier) throw new UserError('duplicate-id', `${file} has the same id (${incident.id}) as ${earlier}.`, { exitCode: EXIT.invalidInput });
      seen.set(incident.id, file);
      parsed.push({ file, incident });
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      problems.push(error);
    }
  }
  const [only] = problems;
  if (only && problems.length === 1) throw only;
  if (problems.length > 1) {
    throw new UserError('invalid-record', `${problems.length} of ${files.length} files are invalid:`, {
      exitCode: EXIT.invalidInput,
      details: problems.flatMap((problem) => [problem.message, ...problem.details.map((line) => `  ${line}`)]),
      hint: 'Fix the fields listed above and import again; nothing was written.',
    });
  }

  const results: ImportedFile[] = [];
  let written = false;
  const run = db.transaction(() => {
    const pending: { incident: Incident; base: Incident; result: ImportedFile; backup?: Incident }[] = [];
    for (const { file, incident } of parsed) {
      const result: ImportedFile = { file, id: incident.id, outcome: 'created', fields: [], conflicts: [], keptLocal: [], backup: null };
      results.push(result);
      if (!incidentExists(db, incident.id)) {
        pending.push({ incident, base: incident, result });
        continue;
      }
      const local = loadIncident(db, incident.id) as Incident;
      if (sameContent(local, incident)) {
        result.outcome = 'unchanged';
        continue;
      }
      const merge = mergeIncidents(readSyncBase(db, incident.id), local, incident);
      result.fields = merge.fromIncoming;
      result.keptLocal = merge.keptLocal;
      if (merge.conflicts.length > 0 && !options.theirs) {
        result.outcome = 'conflict';
        result.conflicts = merge.conflicts;
        continue;
      }
      if (merge.conflicts.length > 0) {
        result.outcome = 'overwritten';
        result.conflicts = merge.conflicts;
        pending.push({ incident, base: incident, result, backup: local });
      } else {
        result.outcome = merge.keptLocal.length > 0 ? 'merged' : 'updated';
        pending.push({ incident: merge.merged, base: incident, result });
      }
    }
    const conflicted = results.some((r) => r.outcome === 'conflict');
    if (conflicted && !options.skipConflicts) return;
    for (const item of pending) {
      if (item.backup) item.result.backup = writeBackup(item.backup, options);
      saveIncident(db, item.incident);
      writeSyncBase(db, item.base, options.now);
      written = true;
    }
  });
  run.immediate();
  return { files: results, written };
}

function writeBackup(local: Incident, options: ImportOptions): string {
  fs.mkdirSync(options.backupDir, { recursive: true });
  const file = path.join(options.backupDir, `${local.id}.${options.now.replace(/[:.]/g, '-')}.yaml`);
  fs.writeFileSync(file, serializeIncident(local));
  return file;
}
