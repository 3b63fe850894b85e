import type { Commit, EndpointCheck, EnvCheck, Incident, LogEvent, LogSource, Redaction, Warning } from '../record/schema.js';

/**
 * Pure functions that put what a collector gathered into a record. Collecting
 * the same source again replaces what it gave before (a log source by name, a
 * repository's commits, a check by URL, method and phase, a variable by name),
 * so re-running a collector never duplicates evidence.
 */

export type RedactionCounts = Record<string, number>;

function replaceWarnings(warnings: Warning[], source: string, texts: string[]): Warning[] {
  return [...warnings.filter((w) => w.source !== source), ...texts.map((text) => ({ text, source }))];
}

function replaceRedactions(redactions: Redaction[], source: string, counts: RedactionCounts): Redaction[] {
  const fresh = Object.entries(counts)
    .filter(([, count]) => count > 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([kind, count]) => ({ kind, count, source }));
  return [...redactions.filter((r) => r.source !== source), ...fresh];
}

export interface LogEvidence {
  events: LogEvent[];
  source: LogSource;
  warnings: string[];
  redactions: RedactionCounts;
}

/** Adds (or replaces) the events of one log source. */
export function applyLogs(incident: Incident, logs: LogEvidence): Incident {
  const name = logs.source.source;
  const label = `logs:${name}`;
  const { evidence } = incident;
  return {
    ...incident,
    evidence: {
      ...evidence,
      logs: [...evidence.logs.filter((e) => e.source !== name), ...logs.events.map((e) => ({ ...e, source: name }))],
      log_sources: [...evidence.log_sources.filter((s) => s.source !== name), logs.source],
      warnings: replaceWarnings(evidence.warnings, label, logs.warnings),
      redactions: replaceRedactions(evidence.redactions, label, logs.redactions),
    },
  };
}

/** Adds (or replaces) the commits of one repository. */
export function applyCommits(incident: Incident, repo: string, commits: Commit[], warnings: string[], redactions: RedactionCounts): Incident {
  const label = `commits:${repo}`;
  const { evidence } = incident;
  const fixHere = commits.some((c) => c.fix);
  const others = evidence.commits.filter((c) => c.repo !== repo).map((c) => (fixHere ? { ...c, fix: false } : c));
  const all = [...others, ...commits].sort((a, b) => Date.parse(a.committed_at ?? a.authored_at ?? '') - Date.parse(b.committed_at ?? b.authored_at ?? ''));
  return {
    ...incident,
    evidence: {
      ...evidence,
      commits: all,
      warnings: replaceWarnings(evidence.warnings, label, warnings),
      redactions: replaceRedactions(evidence.redactions, label, redactions),
    },
  };
}

/** Adds endpoint check results, replacing earlier results for the same URL, method and phase. */
export function applyChecks(incident: Incident, checks: EndpointCheck[], warnings: string[], redactions: RedactionCounts): Incident {
  const key = (c: EndpointCheck) => `${c.phase} ${c.method} ${c.url}`;
  const fresh = new Set(checks.map(key));
  const phases = [...new Set(checks.map((c) => c.phase))].sort().join(',');
  const label = `checks:${phases}`;
  const { evidence } = incident;
  return {
    ...incident,
    evidence: {
      ...evidence,
      checks: [...evidence.checks.filter((c) => !fresh.has(key(c))), ...checks],
      warnings: replaceWarnings(evidence.warnings, label, warnings),
      redactions: replaceRedactions(evidence.redactions, label, redactions),
    },
  };
}

/** Adds environment checks, replacing earlier ones for the same names. */
export function applyEnv(incident: Incident, checks: EnvCheck[], warnings: string[]): Incident {
  const names = new Set(checks.map((c) => c.name));
  const { evidence } = incident;
  return {
    ...incident,
    evidence: {
      ...evidence,
      env: [...evidence.env.filter((c) => !names.has(c.name)), ...checks],
      warnings: replaceWarnings(evidence.warnings, 'env', warnings),
    },
  };
}
