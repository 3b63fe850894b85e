import { type Context, type GlobalOptions, readStdin } from '../cli/context.js';
import { parseTimeOption } from '../cli/parseTime.js';
import { openSession } from '../cli/workspaceDb.js';
import { EXIT, UserError } from '../errors.js';
import { updateIncident } from '../incidents/store.js';
import type { IncidentInput } from '../record/schema.js';

const TEXT_FIELDS = ['title', 'status', 'severity', 'environment', 'summary', 'impact', 'trigger', 'solution', 'conclusion'] as const;
const TIME_FIELDS = ['started', 'detected', 'mitigated', 'resolved'] as const;
const LIST_FIELDS = ['services', 'authors', 'tags'] as const;
export const SETTABLE_FIELDS = [...TEXT_FIELDS, ...TIME_FIELDS, ...LIST_FIELDS] as const;

/** `postmortem set ID FIELD VALUE` */
export async function runSet(ctx: Context, globals: GlobalOptions, id: string, field: string, rawValue: string): Promise<void> {
  if (!(SETTABLE_FIELDS as readonly string[]).includes(field)) {
    throw new UserError('unknown-field', `"${field}" is not a field that \`set\` can change.`, {
      exitCode: EXIT.invalidInput,
      hint: `Use one of: ${SETTABLE_FIELDS.join(', ')}. For lists of items use the add commands (factor add, action add, ...) or \`postmortem edit\`. Nothing was written.`,
    });
  }
  const value = rawValue === '-' ? (await readStdin(ctx)).replace(/\s+$/, '') : rawValue;
  if (field === 'status') {
    // One way to change a status, so publishing always passes the lint gate.
    const [{ parseStatus }, { moveTo }] = await Promise.all([import('../capture/publishGate.js'), import('./publish.js')]);
    await moveTo(ctx, globals, id, parseStatus(value), {});
    return;
  }
  const { workspace, db } = openSession(ctx, globals);
  try {
    const now = ctx.now();
    updateIncident(db, id, now, (incident): IncidentInput => {
      if ((TIME_FIELDS as readonly string[]).includes(field)) {
        const time = value === '' ? null : parseTimeOption(value, field, workspace.config.timezone, now);
        return { ...incident, times: { ...incident.times, [field]: time } };
      }
      if ((LIST_FIELDS as readonly string[]).includes(field)) {
        return {
          ...incident,
          [field]: value
            .split(',')
            .map((v) => v.trim())
            .filter(Boolean),
        };
      }
      return { ...incident, [field]: value === '' ? null : value };
    });
    ctx.stdout(`${id}: ${field} ${value === '' ? 'cleared' : 'set'}\n`);
  } finally {
    db.close();
  }
}
