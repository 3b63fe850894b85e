import type { Context, GlobalOptions } from '../cli/context.js';
import { moveTo } from './publish.js';

/** `postmortem status ID draft|in-review|published [--force] [--json]`: published goes through the lint gate. */
export async function runStatus(ctx: Context, globals: GlobalOptions, id: string, status: string, options: { force?: boolean; json?: boolean }): Promise<void> {
  const { parseStatus } = await import('../capture/publishGate.js');
  await moveTo(ctx, globals, id, parseStatus(status), options);
}
