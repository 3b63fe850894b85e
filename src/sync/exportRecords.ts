import fs from 'node:fs';
import path from 'node:path';
import { loadIncident } from '../db/incidentStore.js';
import type { Db } from '../db/open.js';
import { EXIT, notFound, UserError } from '../errors.js';
import { parseIncidentFile, serializeIncident } from '../record/fileForm.js';
import { type Incident, incidentSchema } from '../record/schema.js';
import { sameContent } from './merge.js';
import { readSyncBase, writeSyncBase } from './syncState.js';

export interface ExportedFile {
  id: string;
  file: string;
  outcome: 'written' | 'unchanged' | 'conflict';
}

export interface ExportOptions {
  outDir: string;
  /** Overwrite files holding edits that were never imported. */
  force?: boolean;
  now: string;
}

/** All incident ids, oldest first. */
export function allIncidentIds(db: Db): string[] {
  return db.prepare('SELECT id FROM incidents ORDER BY started_utc IS NULL, started_utc, id').pluck().all() as string[];
}

/** The file form of one stored incident. */
export function exportIncidentText(db: Db, id: string): string {
  return serializeIncident(canonical(requireIncident(db, id)));
}

/**
 * Writes `<outDir>/<id>.yaml` for each incident. A file edited since it was
 * last imported (say, by a merged pull request) is not overwritten: it is
 * reported as a conflict, so the edit is imported first rather than lost.
 */
export function exportRecordFiles(db: Db, ids: readonly string[], options: ExportOptions): ExportedFile[] {
  const incidents = ids.map((id) => canonical(requireIncident(db, id)));
  fs.mkdirSync(options.outDir, { recursive: true });
  const results: ExportedFile[] = [];
  db.transaction(() => {
    for (const incident of incidents) {
      const file = path.join(options.outDir, `${incident.id}.yaml`);
      const text = serializeIncident(incident);
      const existing = readIfExists(file);
      if (existing === text) {
        results.push({ id: incident.id, file, outcome: 'unchanged' });
        writeSyncBase(db, incident, options.now, true);
        continue;
      }
      if (existing !== null && !options.force && hasUnimportedEdits(db, incident, existing, file)) {
        results.push({ id: incident.id, file, outcome: 'conflict' });
        continue;
      }
      writeAtomically(file, text);
      writeSyncBase(db, incident, options.now, true);
      results.push({ id: incident.id, file, outcome: 'written' });
    }
  }).immediate();
  return results;
}

function hasUnimportedEdits(db: Db, incident: Incident, existingText: string, file: string): boolean {
  let onDisk: Incident;
  try {
    onDisk = parseIncidentFile(existingText, file);
  } catch {
    return true; // An unparseable file is someone's work in progress: do not clobber it.
  }
  if (sameContent(onDisk, incident)) return false;
  const base = readSyncBase(db, incident.id);
  if (base.kind === 'none') return true;
  return !sameContent(onDisk, base.kind === 'stored' ? incident : base.record);
}

function requireIncident(db: Db, id: string): Incident {
  const incident = loadIncident(db, id);
  if (!incident) throw notFound(`Incident "${id}"`, 'Run `postmortem list` to see the ids.');
  return incident;
}

/** Re-validates so keys come out in schema order whatever their source. */
function canonical(incident: Incident): Incident {
  return incidentSchema.parse(incident);
}

function readIfExists(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new UserError('file-unreadable', `Cannot read ${file}: ${(error as Error).message}`, { exitCode: EXIT.failure });
  }
}

function writeAtomically(file: string, text: string): void {
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, text);
  fs.renameSync(temp, file);
}
