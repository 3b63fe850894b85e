import path from 'node:path';
import { formatTimelineReport, timelineReport, timelineReportJson } from '../cli/timelineReport.js';
import type { CaptureResult } from './capture.js';

/**
 * What capture prints: the draft's path, what each collector gathered, the
 * derived timeline and downtime, and the "seen before" matches (stdout), as
 * text or as one JSON document. Warnings go to stderr (`formatWarnings`).
 */

function shown(file: string, cwd: string): string {
  return path.relative(cwd, file) || file;
}

/** The text report. */
export function formatCaptureReport(result: CaptureResult, cwd: string): string {
  const { incident } = result;
  const report = timelineReport(incident);
  const lines = [`Captured ${incident.id} (draft)`, `Draft: ${shown(result.draft, cwd)}`, ''];
  if (result.collected.length === 0)
    lines.push('Nothing to collect: give --logs, --repo, --checks, --url or --env-required, or set them under capture: in postmortem.config.yaml.');
  else {
    lines.push('Collected:');
    for (const part of result.collected) {
      lines.push(`  ${part.summary}`);
      for (const note of part.notes ?? []) lines.push(`    ${note}`);
    }
  }
  lines.push('', ...formatTimelineReport(report, 'Timeline: no events yet.'));
  if (result.seenBefore.length > 0) {
    lines.push('', 'Seen before (the same errors):');
    for (const match of result.seenBefore.slice(0, 5)) {
      const shared = match.fingerprints.length;
      lines.push(`  ${match.id}  ${match.title}  (${shared} shared error${shared === 1 ? '' : 's'})`);
      for (const lesson of match.lessons.slice(0, 3)) lines.push(`    lesson: ${lesson}`);
      for (const item of match.open_actions.slice(0, 3)) {
        const who = [item.owner, item.due && `due ${item.due}`].filter(Boolean).join(', ');
        lines.push(`    still ${item.status}: #${item.number} ${item.text}${who ? ` (${who})` : ''}`);
      }
    }
    if (result.seenBefore.length > 5) lines.push(`  … and ${result.seenBefore.length - 5} more (--json lists them all)`);
  }
  lines.push(
    '',
    `Next: review ${shown(result.draft, cwd)}, fill in what is missing (postmortem edit ${incident.id}),`,
    `      then postmortem status ${incident.id} in-review, and postmortem publish ${incident.id}.`,
  );
  return `${lines.join('\n')}\n`;
}

/** One line per warning, as `collect` prints them. */
export function formatWarnings(result: Pick<CaptureResult, 'warnings'>): string {
  return result.warnings.map((w) => `warning: ${w.source}: ${w.text}\n`).join('');
}

/** The JSON report. */
export function captureJson(result: CaptureResult, cwd: string): unknown {
  const { incident } = result;
  return {
    id: incident.id,
    draft: shown(result.draft, cwd),
    collected: result.collected.map(({ kind, summary, notes }) => ({ kind, summary, notes: notes ?? [] })),
    ...timelineReportJson(timelineReport(incident)),
    warnings: result.warnings,
    seen_before: result.seenBefore,
  };
}
