import type { Context, GlobalOptions } from '../cli/context.js';
import { openSession } from '../cli/workspaceDb.js';
import { findSimilarIncidents } from '../similar/similar.js';
import { parseLimit } from './search.js';

/** `postmortem similar ID` */
export function runSimilar(ctx: Context, globals: GlobalOptions, id: string, options: { json?: boolean; limit?: string }): void {
  const limit = parseLimit(options.limit, 10);
  const { db } = openSession(ctx, globals);
  try {
    const similar = findSimilarIncidents(db, id, { limit });
    if (options.json) {
      ctx.stdout(`${JSON.stringify(similar, null, 2)}\n`);
      return;
    }
    if (similar.length === 0) {
      ctx.stdout(`No incident shares an error, a failing endpoint, a fixed file, a service or distinctive words with ${id}.\n`);
      return;
    }
    const blocks = similar.map((s) => {
      const date = s.started ? `${s.started.slice(0, 10)}  ` : '';
      return `${s.id}  (score ${s.score})\n  ${date}${s.title}\n${s.reasons.map((r) => `  - ${r}`).join('\n')}\n`;
    });
    ctx.stdout(blocks.join('\n'));
  } finally {
    db.close();
  }
}
