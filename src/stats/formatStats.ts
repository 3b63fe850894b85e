import { formatColumns, indentBlock } from '../cli/table.js';
import { formatDuration } from '../record/time.js';
import type { DurationStats, Stats } from './collectStats.js';

const BARS = '▁▂▃▄▅▆▇█';

/** A one-line chart of counts: `▁▃█▂`; zero shows as a space-like lowest bar. */
export function sparkline(values: readonly number[]): string {
  const max = Math.max(0, ...values);
  if (max === 0) return BARS[0]?.repeat(values.length) ?? '';
  return values.map((v) => BARS[Math.min(BARS.length - 1, Math.round((v / max) * (BARS.length - 1)))]).join('');
}

function duration(stats: DurationStats): string {
  if (stats.count === 0 || stats.median_seconds === null || stats.p90_seconds === null) return 'no incidents with both times';
  return `median ${formatDuration(stats.median_seconds * 1000)}, p90 ${formatDuration(stats.p90_seconds * 1000)} (${stats.count} incident${stats.count === 1 ? '' : 's'})`;
}

const percent = (part: number, whole: number) => (whole === 0 ? '0%' : `${Math.round((part / whole) * 100)}%`);

/** The human form of `postmortem stats`: short sections of aligned columns. */
export function formatStats(stats: Stats): string {
  const out: string[] = [];
  const { incidents } = stats;
  const range =
    stats.since || stats.until
      ? ` started ${stats.since ? `from ${stats.since.slice(0, 10)}` : ''}${stats.since && stats.until ? ' ' : ''}${stats.until ? `before ${stats.until.slice(0, 10)}` : ''}`
      : '';
  out.push(
    `Incidents${range}: ${incidents.total}${incidents.undated ? ` (${incidents.undated} without a start time)` : ''}` +
      (incidents.first_started && incidents.last_started ? `, ${incidents.first_started.slice(0, 10)} to ${incidents.last_started.slice(0, 10)}` : ''),
  );
  if (incidents.total === 0) return `${out[0]}\n`;

  if (stats.per_month.length > 0) {
    const counts = stats.per_month.map((m) => m.incidents);
    out.push('', `Per month  ${sparkline(counts)}`);
    // Long histories print by year: one row of twelve months each.
    if (stats.per_month.length > 12) {
      const years = new Map<string, number[]>();
      for (const m of stats.per_month) {
        const [year = '', month = '1'] = m.month.split('-');
        const row = years.get(year) ?? Array.from({ length: 12 }, () => -1);
        row[Number(month) - 1] = m.incidents;
        years.set(year, row);
      }
      const header = ['YEAR', 'JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC', 'TOTAL'];
      const rows = [...years].map(([year, row]) => [
        year,
        ...row.map((n) => (n < 0 ? '' : String(n))),
        String(row.filter((n) => n > 0).reduce((a, b) => a + b, 0)),
      ]);
      out.push(indentBlock(formatColumns(header, rows)));
    } else {
      out.push(
        indentBlock(
          formatColumns(
            ['MONTH', 'INCIDENTS', ''],
            stats.per_month.map((m) => [m.month, String(m.incidents), '█'.repeat(barWidth(m.incidents, counts))]),
          ),
        ),
      );
    }
  }

  if (stats.per_service.length > 0) {
    const more = stats.services_total - stats.per_service.length;
    out.push('', `Per service${more > 0 ? ` (top ${stats.per_service.length} of ${stats.services_total})` : ''}`);
    out.push(
      indentBlock(
        formatColumns(
          ['SERVICE', 'INCIDENTS'],
          stats.per_service.map((s) => [s.service, String(s.incidents)]),
        ),
      ),
    );
  }

  out.push('', `Time to detect   ${duration(stats.time_to_detect)}`, `Time to recover  ${duration(stats.time_to_recover)}`);

  out.push(
    '',
    `Recurring errors: ${stats.recurring_fingerprints} log fingerprint${stats.recurring_fingerprints === 1 ? '' : 's'} seen in more than one incident`,
  );
  if (stats.recurrence.length > 0) {
    out.push(
      indentBlock(
        formatColumns(
          ['INCIDENTS', 'ERROR', 'SEEN IN'],
          stats.recurrence.map((r) => [
            String(r.incidents),
            clip(r.message, 60),
            r.incident_ids.slice(0, 3).join(', ') + (r.incident_ids.length > 3 ? `, +${r.incident_ids.length - 3}` : ''),
          ]),
        ),
      ),
    );
  }

  const a = stats.actions;
  const closed = a.done + a.wont_do;
  out.push(
    '',
    `Action items: ${a.total} opened, ${closed} closed (${percent(closed, a.total)}; ${a.done} done, ${a.wont_do} won't do), ` +
      `${a.open + a.in_progress} still open, ${a.overdue} overdue on ${stats.today}, ${a.unowned} open without an owner`,
  );

  if (stats.factor_tags.length > 0) {
    out.push('', 'Most common contributing-factor tags');
    out.push(
      indentBlock(
        formatColumns(
          ['TAG', 'FACTORS'],
          stats.factor_tags.map((t) => [t.tag, String(t.factors)]),
        ),
      ),
    );
  }
  return `${out.join('\n')}\n`;
}

function barWidth(n: number, all: number[]): number {
  const max = Math.max(1, ...all);
  return n === 0 ? 0 : Math.max(1, Math.round((n / max) * 30));
}

function clip(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
