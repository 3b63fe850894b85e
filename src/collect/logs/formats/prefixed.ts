import { L_DEBUG, L_ERROR, L_INFO, L_NONE, L_WARN } from '../types.js';

/**
 * Lines whose only structure is a timestamp prefix: `kubectl logs
 * --timestamps` and `docker logs -t` (RFC 3339 with nanoseconds, then the
 * container's own line, which may itself be JSON or a Python log line), CRI
 * log files (`… stdout F …`), and GitHub Actions job logs (seven fraction
 * digits, `##[error]`, `##[group]`).
 */

const COMMAND = /^##\[(\w+)\]|^::(error|warning|notice|debug)(?: [^:]*)?::/;
const COMMAND_LEVELS: Record<string, number> = { error: L_ERROR, warning: L_WARN, notice: L_INFO, debug: L_DEBUG };

/** A GitHub Actions command (`##[error]…`, `::warning file=…::…`): its level and the text after it; null if none. */
export function githubCommand(message: string): { level: number; message: string; command: string } | null {
  const match = COMMAND.exec(message);
  if (!match) return null;
  const command = match[1] ?? match[2] ?? '';
  return { level: COMMAND_LEVELS[command] ?? L_NONE, message: message.slice(match[0].length), command };
}
