import type { LogEvent, LogSource } from '../../record/schema.js';
import type { RedactionCounts } from '../../redact/redact.js';

export type { RedactionCounts, Redactor } from '../../redact/redact.js';

/** What `collect logs` gathered from one file or stream. */
export interface LogCollection {
  /**
   * Error and warning groups (the most frequent, sorted by first time; `fingerprint`
   * set, `marker` null), then lifecycle markers in log order (`marker` set).
   */
  events: LogEvent[];
  source: LogSource;
  /** Partial failures: lines that could not be read as written, caps that were reached. */
  warnings: string[];
  redactions: RedactionCounts;
}

/** Log formats the collector reads; `--format` takes one of these (or an alias). */
export const FORMATS = ['json', 'journald', 'railway', 'logfmt', 'heroku', 'kubernetes', 'github-actions', 'syslog', 'plain', 'text'] as const;
export type FormatName = (typeof FORMATS)[number];

/** Normalised level codes, least to most severe; 0 means "the line names no level". */
export const L_NONE = 0;
export const L_DEBUG = 1;
export const L_INFO = 2;
export const L_WARN = 3;
export const L_ERROR = 4;
export const L_FATAL = 5;

/** One line read by a format parser (the slow, exact path). */
export interface ParsedLine {
  format: FormatName;
  /** Epoch milliseconds, or NaN when the line carries no time. */
  time: number;
  /** A level code (L_*); L_NONE when the line names none. */
  level: number;
  /** True when the level came from a level field or word, not from the text ("Traceback", "TypeError"). */
  explicit: boolean;
  /** The message, without timestamp, level and source prefixes. */
  message: string;
  /** Where the line came from inside the log: a dyno, a unit, a stream. */
  source: string | null;
  /** Extra lines carried by a structured record (a stack trace in a JSON field). */
  details: string | null;
}
