import path from 'node:path';
import type { Context, GlobalOptions } from '../cli/context.js';
import { openSession } from '../cli/workspaceDb.js';
import { EXIT, UserError } from '../errors.js';
import { formatTimestamp } from '../record/time.js';
import { allIncidentIds, exportIncidentText, exportRecordFiles } from '../sync/exportRecords.js';

/** `postmortem export [ID...]` */
export function runExport(ctx: Context, globals: GlobalOptions, ids: string[], options: { out?: string; force?: boolean; json?: boolean }): void {
  const { workspace, db } = openSession(ctx, globals);
  try {
    const selected = ids.length > 0 ? ids : allIncidentIds(db);
    if (options.out === '-') {
      ctx.stdout(selected.map((id) => exportIncidentText(db, id)).join('---\n'));
      return;
    }
    const outDir = options.out ? path.resolve(ctx.cwd, options.out) : workspace.incidentsDir;
    const results = exportRecordFiles(db, selected, { outDir, force: options.force ?? false, now: formatTimestamp(ctx.now().getTime()) });
    if (options.json) ctx.stdout(`${JSON.stringify(results, null, 2)}\n`);
    else {
      const written = results.filter((r) => r.outcome === 'written').length;
      const unchanged = results.filter((r) => r.outcome === 'unchanged').length;
      ctx.stdout(
        `Exported ${results.length} incident${results.length === 1 ? '' : 's'} to ${path.relative(ctx.cwd, outDir) || '.'}: ${written} written, ${unchanged} unchanged\n`,
      );
    }
    const conflicts = results.filter((r) => r.outcome === 'conflict');
    if (conflicts.length > 0) {
      throw new UserError(
        'export-conflict',
        `${conflicts.length} record file${conflicts.length === 1 ? ' holds edits' : 's hold edits'} that were never imported, so ${conflicts.length === 1 ? 'it was' : 'they were'} not overwritten:`,
        {
          exitCode: EXIT.conflict,
          details: conflicts.map((c) => c.file),
          hint: 'Import them first (`postmortem import FILE`) so both sides are merged, or pass --force to overwrite them.',
        },
      );
    }
  } finally {
    db.close();
  }
}
