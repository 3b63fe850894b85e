import { EXIT, UserError } from '../../errors.js';
import type { LogEvent, LogSource } from '../../record/schema.js';
import { formatTimestamp, parseTimestamp, zoneOffsetMinutes } from '../../record/time.js';
import { type ErrorGroup, topGroups } from './errorGroups.js';
import { LEVEL_NAMES } from './levels.js';
import { F_JSON, FAMILY_NAMES } from './lineKinds.js';
import { createLineSplitter, MAX_LINE_BYTES, type SplitStats } from './lineSplitter.js';
import { LogReader } from './logReader.js';
import type { MarkerEntry } from './markerLog.js';
import { LineParser } from './parseLine.js';
import { TimeReader } from './timestamps.js';
import { TrackedRedactor } from './trackedRedactor.js';
import { FORMATS, type FormatName, type LogCollection, type RedactionCounts, type Redactor } from './types.js';

export interface LogDigestOptions {
  /** The name the events are filed under (`web`, `railway`, a file name). */
  source: string;
  /** The file read, or null for stdin. */
  file?: string | null;
  /** Force a format (or an alias: pino, kubectl, gha, …); detected per line when absent or `auto`. */
  format?: string;
  /** Zone for timestamps written without one: an IANA name or an offset; default UTC. */
  tz?: string;
  /** Keep only entries at or after / at or before these times (zone-less: read in `tz`). */
  since?: string;
  until?: string;
  /** The clock: the year of syslog lines when `since` is not given. */
  now: () => Date;
  redactor: Redactor;
  limits?: Partial<DigestLimits>;
}

export interface DigestLimits {
  /** Longer lines keep their start. */
  maxLineBytes: number;
  /** Distinct error/warning fingerprints tracked. */
  maxGroups: number;
  /** Error/warning groups returned (the most frequent). */
  keepGroups: number;
  /** Lifecycle markers returned (first and last halves). */
  maxMarkers: number;
}

/** The digest splits lines in slices of this size, whatever size the chunks pushed have. */
export const SLICE_BYTES = 64 * 1024;

export const DEFAULT_LIMITS: DigestLimits = { maxLineBytes: MAX_LINE_BYTES, maxGroups: 5000, keepGroups: 50, maxMarkers: 200 };

export interface LogDigest {
  /** Reads a chunk; nothing of its memory is kept once this returns, so the caller may reuse it. */
  push(chunk: Buffer): void;
  end(): LogCollection;
}

const ALIASES: Record<string, FormatName> = {
  pino: 'json',
  bunyan: 'json',
  winston: 'json',
  zap: 'json',
  structlog: 'json',
  jsonl: 'json',
  ndjson: 'json',
  journalctl: 'journald',
  systemd: 'journald',
  k8s: 'kubernetes',
  kubectl: 'kubernetes',
  docker: 'kubernetes',
  github: 'github-actions',
  gha: 'github-actions',
  actions: 'github-actions',
  python: 'plain',
  uvicorn: 'plain',
  gunicorn: 'plain',
  rails: 'plain',
  logback: 'plain',
  java: 'plain',
  spring: 'plain',
};

/** `--format` as a format name; null for automatic detection. */
export function resolveFormat(name: string | undefined): FormatName | null {
  if (!name || name === 'auto') return null;
  const lower = name.trim().toLowerCase();
  if ((FORMATS as readonly string[]).includes(lower)) return lower as FormatName;
  const alias = ALIASES[lower];
  if (alias) return alias;
  throw new UserError('bad-format', `"${name}" is not a log format this collector reads.`, {
    exitCode: EXIT.invalidInput,
    hint: `Use one of: auto, ${FORMATS.join(', ')} (or pino, bunyan, winston, zap, structlog, kubectl, docker, gha, python, rails, logback). Nothing was written.`,
  });
}

function parseBound(value: string | undefined, label: string, zone: string): number {
  if (value === undefined || value.trim() === '') return Number.NaN;
  const parsed = parseTimestamp(value, zone);
  if (!parsed.ok) {
    throw new UserError('bad-time', `${label}: ${parsed.error}.`, {
      exitCode: EXIT.invalidInput,
      hint: 'Write times like 2026-01-05T17:00:00Z or "2026-01-05 17:00" (read in --tz). Nothing was written.',
    });
  }
  return parsed.value.epochMs;
}

/**
 * Digests a log as it streams by: push byte chunks (any size), then `end()`
 * returns the error and warning groups, lifecycle markers, level counts and
 * warnings. `source.levels` counts entries, not physical lines: a traceback
 * joined to its error line counts once. Memory stays bounded whatever the size
 * of the log (see DigestLimits). Throws UserError for bad options, before
 * reading anything.
 */
export function createLogDigest(options: LogDigestOptions & { sliceBytes?: number }): LogDigest {
  const settings = digestSettings(options);
  const { reader, parser, redactor } = createReader(settings, options.redactor);
  const splitter = createLineSplitter(reader, { maxLineBytes: settings.limits.maxLineBytes });
  const slice = settings.sliceBytes;
  let ended = false;

  return {
    push(chunk: Buffer): void {
      if (ended) throw new Error('push() after end()');
      // Lines are split in 64 KiB slices whatever the chunk size: small enough for the
      // Latin-1 view to stay an ordinary (fast) string.
      for (let at = 0; at < chunk.length; at += slice) {
        splitter.push(at === 0 && chunk.length <= slice ? chunk : chunk.subarray(at, at + slice));
        reader.chunkDone();
      }
    },
    end(): LogCollection {
      if (!ended) {
        ended = true;
        splitter.end();
        reader.finish();
      }
      return buildCollection(settings, readerFound(reader, parser.badJson, settings.limits), splitter.stats, redactor.counts());
    },
  };
}

/** A digest's options, checked and resolved; plain data, so a worker thread can be given them. */
export interface DigestSettings {
  source: string;
  file: string | null;
  forced: FormatName | null;
  zone: string;
  year: number;
  window: { since: number; until: number };
  limits: DigestLimits;
  /** Lines are split in slices of this size (64 KiB; smaller in tests, to cross more slice ends). */
  sliceBytes: number;
}

/** Checks and resolves the options; throws UserError for bad ones, before anything is read. */
export function digestSettings(options: Omit<LogDigestOptions, 'redactor'> & { sliceBytes?: number }): DigestSettings {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const zone = options.tz?.trim() || 'UTC';
  if (zoneOffsetMinutes(zone, Date.now()) === null) {
    throw new UserError('bad-zone', `"${zone}" is not a time zone.`, {
      exitCode: EXIT.invalidInput,
      hint: 'Use an IANA name such as Europe/Berlin, or an offset such as +01:00. Nothing was written.',
    });
  }
  const forced = resolveFormat(options.format);
  const since = parseBound(options.since, '--since', zone);
  const until = parseBound(options.until, '--until', zone);
  if (since > until) {
    throw new UserError('bad-window', '--since is after --until.', { exitCode: EXIT.invalidInput, hint: 'Swap them. Nothing was written.' });
  }
  const year = Number.isNaN(since) ? options.now().getUTCFullYear() : new Date(since).getUTCFullYear();
  return {
    source: options.source,
    file: options.file ?? null,
    forced,
    zone,
    year,
    window: { since, until },
    limits,
    sliceBytes: options.sliceBytes ?? SLICE_BYTES,
  };
}

/** The reading machinery for one pass over a log (or over one byte range of it). */
export function createReader(settings: DigestSettings, redactor: Redactor): { reader: LogReader; parser: LineParser; redactor: TrackedRedactor } {
  const clock = new TimeReader(settings.zone, settings.year);
  const tracked = new TrackedRedactor(redactor);
  const parser = new LineParser(clock, settings.forced);
  const reader = new LogReader(clock, parser, tracked, settings.window, settings.forced, settings.limits);
  return { reader, parser, redactor: tracked };
}

/** What a reader found, once it is done. */
export function readerFound(reader: LogReader, badJson: number, limits: DigestLimits): Found {
  return {
    levelCounts: reader.levelCounts,
    familyCounts: reader.familyCounts,
    flavorCounts: reader.flavorCounts,
    minTime: reader.minTime,
    maxTime: reader.maxTime,
    timedEntries: reader.timedEntries,
    formatMismatches: reader.formatMismatches,
    badJson,
    groups: topGroups(reader.groups.all(), limits.keepGroups),
    groupOverflow: reader.groups.overflowOccurrences,
    markers: reader.markers.entries(),
    markersDropped: reader.markers.dropped,
  };
}

/** What the reader found, for the collection and its warnings. */
export interface Found {
  levelCounts: number[];
  familyCounts: number[];
  flavorCounts: Map<FormatName, number>;
  minTime: number;
  maxTime: number;
  timedEntries: number;
  formatMismatches: number;
  badJson: number;
  groups: { kept: ErrorGroup[]; droppedGroups: number; droppedOccurrences: number };
  groupOverflow: number;
  markers: MarkerEntry[];
  markersDropped: number;
}

/** The collection: events, the source's summary and the warnings. */
export function buildCollection(settings: DigestSettings, found: Found, stats: SplitStats, redactions: RedactionCounts): LogCollection {
  const { source, forced, limits, window } = settings;
  const time = (ms: number) => (Number.isNaN(ms) ? null : formatTimestamp(ms));
  const events: LogEvent[] = found.groups.kept.map((g) => ({
    time: time(g.first),
    level: LEVEL_NAMES[g.level] ?? 'error',
    source,
    message: g.message,
    fingerprint: g.fingerprint,
    count: g.count,
    last_seen: time(g.last),
    marker: null,
    excerpt: g.excerpt,
  }));
  const markerEvents: LogEvent[] = found.markers.map((m) => ({
    time: time(m.time),
    level: LEVEL_NAMES[m.level] ?? 'info',
    source,
    message: m.message,
    fingerprint: null,
    count: m.count,
    last_seen: m.count > 1 ? time(m.last) : null,
    marker: m.marker,
    excerpt: null,
  }));
  const levels: Record<string, number> = {};
  for (let code = 5; code >= 1; code--) {
    const n = found.levelCounts[code] ?? 0;
    const name = LEVEL_NAMES[code] ?? 'info';
    if (n > 0) levels[name] = (levels[name] ?? 0) + n;
  }
  const logSource: LogSource = {
    source,
    file: settings.file,
    format: forced ?? formatName(found.familyCounts, found.flavorCounts),
    lines: stats.lines,
    bytes: stats.bytes,
    levels,
    first_time: time(found.minTime),
    last_time: time(found.maxTime),
  };
  const warnings = buildWarnings(stats, found, limits, window, forced);
  return { events: [...events, ...markerEvents], source: logSource, warnings, redactions };
}

/** The format of most entries, or `mixed (a, b)` when several share the log. */
function formatName(familyCounts: number[], flavorCounts: Map<FormatName, number>): string {
  let flavor: FormatName = 'json';
  let best = 0;
  for (const [name, n] of flavorCounts) {
    if (n > best && (name === 'json' || name === 'railway' || name === 'journald')) {
      flavor = name;
      best = n;
    }
  }
  const counts = new Map<string, number>();
  familyCounts.forEach((n, family) => {
    if (n === 0) return;
    const name = family === F_JSON ? flavor : (FAMILY_NAMES[family] ?? 'text');
    counts.set(name, (counts.get(name) ?? 0) + n);
  });
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const ranked = [...counts].filter(([, n]) => n >= total * 0.01).sort((a, b) => b[1] - a[1]);
  if (ranked.length === 0) return 'text';
  const [top] = ranked;
  if (ranked.length === 1 || (top && top[1] >= total * 0.95)) return top?.[0] ?? 'text';
  return `mixed (${ranked.map(([name]) => name).join(', ')})`;
}

const count = (n: number, noun: string) => `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
const was = (n: number) => (n === 1 ? 'was' : 'were');

function buildWarnings(stats: SplitStats, found: Found, limits: DigestLimits, window: { since: number; until: number }, forced: FormatName | null): string[] {
  const dropped = found.groups;
  const warnings: string[] = [];
  if (stats.bytes === 0) {
    warnings.push('The log was empty: no lines were read.');
    return warnings;
  }
  const gzip = stats.magic === 0x1f8b;
  const utf16 = stats.magic === 0xfffe || stats.magic === 0xfeff;
  if (gzip) warnings.push('The input looks gzip-compressed; decompress it first (for example: zcat FILE | postmortem collect logs ID -).');
  if (utf16) warnings.push('The input looks UTF-16 encoded; convert it first (for example: iconv -f UTF-16 -t UTF-8 FILE | postmortem collect logs ID -).');
  const binary = stats.nulLines + stats.invalidUtf8Lines;
  if (binary >= 10 && binary > stats.lines * 0.1 && !gzip && !utf16) {
    warnings.push(
      `The input looks like binary data, not a text log: ${count(binary, 'line')} of ${stats.lines.toLocaleString('en-US')} held NUL bytes or invalid UTF-8.`,
    );
  }
  if (stats.nulLines > 0) warnings.push(`${count(stats.nulLines, 'line')} held NUL bytes (binary data); the NUL bytes were dropped.`);
  if (stats.invalidUtf8Lines > 0) {
    warnings.push(
      `${count(stats.invalidUtf8Lines, 'line')} ${was(stats.invalidUtf8Lines)} not valid UTF-8 and ${was(stats.invalidUtf8Lines)} decoded with replacement characters.`,
    );
  }
  if (stats.truncatedLines > 0) {
    const kib = Math.round(limits.maxLineBytes / 1024);
    warnings.push(
      `${count(stats.truncatedLines, 'line')} ${was(stats.truncatedLines)} longer than ${kib} KiB; only the first ${kib} KiB of each ${was(stats.truncatedLines) === 'was' ? 'was' : 'were'} kept.`,
    );
  }
  if (found.badJson > 0) {
    warnings.push(
      `${count(found.badJson, 'line')} looked like JSON but did not parse (truncated?); ${found.badJson === 1 ? 'it was' : 'they were'} read as plain text.`,
    );
  }
  if (forced && found.formatMismatches > 0) {
    warnings.push(
      `${count(found.formatMismatches, 'line')} did not look like ${forced} (--format); ${found.formatMismatches === 1 ? 'it was' : 'they were'} read as plain text.`,
    );
  }
  if ((!Number.isNaN(window.since) || !Number.isNaN(window.until)) && found.timedEntries === 0) {
    warnings.push('--since/--until were given, but no line carried a timestamp: every line was kept.');
  }
  if (found.groupOverflow > 0) {
    warnings.push(
      `More than ${limits.maxGroups.toLocaleString('en-US')} distinct error/warning messages: ${count(found.groupOverflow, 'later occurrence')} of new messages ${was(found.groupOverflow)} counted in the levels but not grouped.`,
    );
  }
  if (dropped.droppedGroups > 0) {
    warnings.push(
      `${count(dropped.droppedGroups, 'less frequent error/warning group')} (${count(dropped.droppedOccurrences, 'line')}) ${was(dropped.droppedGroups)} left out; the ${limits.keepGroups} most frequent were kept.`,
    );
  }
  if (found.markersDropped > 0) {
    warnings.push(
      `${count(found.markersDropped, 'lifecycle marker')} from the middle of the log ${was(found.markersDropped)} left out; the first and last ${limits.maxMarkers / 2} were kept.`,
    );
  }
  return warnings;
}
