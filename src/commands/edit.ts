import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Context, GlobalOptions } from '../cli/context.js';
import { openSession } from '../cli/workspaceDb.js';
import { EXIT, UserError } from '../errors.js';
import { getIncident, updateIncident } from '../incidents/store.js';
import { parseIncidentFile, serializeIncident } from '../record/fileForm.js';
import { incidentSchema } from '../record/schema.js';

/**
 * `postmortem edit ID`: the record's file form in $VISUAL/$EDITOR. An edit
 * that does not validate is kept on disk (never lost) and nothing is written.
 */
export function runEdit(ctx: Context, globals: GlobalOptions, id: string): void {
  const { workspace, db } = openSession(ctx, globals);
  try {
    const before = serializeIncident(incidentSchema.parse(getIncident(db, id)));
    const dir = path.join(workspace.root, '.postmortem', 'edits');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${id}.yaml`);
    fs.writeFileSync(file, before);
    const editor = ctx.env.VISUAL || ctx.env.EDITOR || 'vi';
    // Through the shell, so EDITOR="code --wait" works as it does for git.
    const result = spawnSync(`${editor} ${JSON.stringify(file)}`, { shell: true, stdio: 'inherit', env: ctx.env });
    if (result.status !== 0) {
      throw new UserError('editor-failed', `The editor (${editor}) exited with ${result.status ?? result.signal}.`, {
        hint: `Nothing was written. Your text, if any, is in ${file}.`,
      });
    }
    const after = fs.readFileSync(file, 'utf8');
    if (after === before) {
      fs.rmSync(file);
      ctx.stdout(`${id}: no changes\n`);
      return;
    }
    let edited: ReturnType<typeof parseIncidentFile>;
    try {
      edited = parseIncidentFile(after, file);
    } catch (error) {
      if (error instanceof UserError) {
        throw new UserError(error.code, error.message, {
          exitCode: EXIT.invalidInput,
          details: error.details,
          hint: `Nothing was written; your edit is kept in ${file}. Fix it and run \`postmortem import ${path.relative(ctx.cwd, file)}\`, or run edit again to start over.`,
        });
      }
      throw error;
    }
    updateIncident(db, id, ctx.now(), () => edited);
    fs.rmSync(file);
    ctx.stdout(`${id}: saved\n`);
  } finally {
    db.close();
  }
}
