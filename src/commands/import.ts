import path from 'node:path';
import type { Context, GlobalOptions } from '../cli/context.js';
import { openSession } from '../cli/workspaceDb.js';
import { EXIT, UserError } from '../errors.js';
import { formatTimestamp } from '../record/time.js';
import { collectRecordFiles, importRecordFiles } from '../sync/importRecords.js';

interface ImportOptions {
  theirs?: boolean;
  skipConflicts?: boolean;
  json?: boolean;
}

/** `postmortem import FILE|DIR...` */
export async function runImport(ctx: Context, globals: GlobalOptions, inputs: string[], options: ImportOptions): Promise<void> {
  const files = collectRecordFiles(inputs.map((input) => path.resolve(ctx.cwd, input)));
  if (files.length === 0) {
    throw new UserError('nothing-to-import', `No record files (.yaml, .yml, .json) or Markdown postmortems (.md) in ${inputs.join(', ')}.`, {
      exitCode: EXIT.notFound,
      hint: 'Pass record files or a folder holding them, such as incidents/.',
    });
  }
  const { workspace, db } = openSession(ctx, globals, { create: true });
  try {
    const result = await importRecordFiles(db, files, {
      theirs: options.theirs ?? false,
      skipConflicts: options.skipConflicts ?? false,
      backupDir: path.join(path.dirname(workspace.databasePath), 'backups'),
      now: formatTimestamp(ctx.now().getTime()),
    });
    const rel = (file: string) => path.relative(ctx.cwd, file) || file;
    if (options.json) {
      ctx.stdout(
        `${JSON.stringify({ written: result.written, coverage: result.coverage, files: result.files.map((f) => ({ ...f, file: rel(f.file) })) }, null, 2)}\n`,
      );
    } else {
      const lines: string[] = [];
      for (const f of result.files) {
        if (f.outcome === 'unchanged' && result.files.length > 20) continue;
        let note = '';
        if (f.outcome === 'merged') note = ` (kept local ${f.keptLocal.join(', ')})`;
        if (f.outcome === 'conflict') note = `: both changed ${f.conflicts.join(', ')}`;
        if (f.outcome === 'overwritten') note = ` (local version saved to ${rel(f.backup ?? '')})`;
        lines.push(`${f.outcome.padEnd(11)} ${f.id}${note}`);
        if (f.markdown) {
          lines.push(`            from ${rel(f.file)}: recognised ${f.markdown.recognised.join(', ') || 'nothing'}`);
          if (f.markdown.keptAsIs.length > 0) lines.push(`            kept as written: ${f.markdown.keptAsIs.join(', ')}`);
        }
      }
      const count = (outcome: string) => result.files.filter((f) => f.outcome === outcome).length;
      const totals = ['created', 'updated', 'merged', 'overwritten', 'unchanged', 'conflict']
        .map((o) => [o, count(o)] as const)
        .filter(([, n]) => n > 0)
        .map(([o, n]) => `${n} ${o}`);
      if (result.coverage) {
        const { files: n, found } = result.coverage;
        lines.push(
          `Markdown: ${Object.entries(found)
            .map(([part, count]) => `${part} found in ${count} of ${n}`)
            .join(', ')}`,
        );
      }
      lines.push(`Imported ${files.length} file${files.length === 1 ? '' : 's'}: ${totals.join(', ')}${result.written ? '' : ' (nothing written)'}`);
      ctx.stdout(`${lines.join('\n')}\n`);
    }
    const conflicts = result.files.filter((f) => f.outcome === 'conflict');
    if (conflicts.length > 0) {
      throw new UserError(
        'import-conflict',
        `${conflicts.length} incident${conflicts.length === 1 ? ' was' : 's were'} changed both in the file and in the database since they were last shared:`,
        {
          exitCode: EXIT.conflict,
          details: conflicts.map((c) => `${rel(c.file)}: ${c.conflicts.join(', ')}`),
          hint: result.written
            ? 'The other files were imported; the conflicting incidents were left as they were. Compare with `postmortem export ID --out -`, make the file hold what you want, then import it with --theirs (the local version is backed up first).'
            : 'Nothing was written. Compare with `postmortem export ID --out -`, make the file hold what you want, then import it with --theirs (the local version is backed up first); --skip-conflicts imports the rest meanwhile.',
        },
      );
    }
  } finally {
    db.close();
  }
}
