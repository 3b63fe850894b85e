import { L_DEBUG, L_ERROR, L_FATAL, L_INFO, L_NONE, L_WARN } from './types.js';

/**
 * Level normalisation. Every spelling a log format uses maps to one of five
 * levels: `fatal` (fatal, critical, panic, emergency, alert), `error` (error,
 * err, severe, fail), `warn`, `info` (info, notice) and `debug` (debug, trace,
 * verbose). `fatal` stays apart from `error` so a crash stands out, and both
 * are grouped like errors.
 */

/** Level names by code; a line that names no level counts as `info`. */
export const LEVEL_NAMES = ['info', 'debug', 'info', 'warn', 'error', 'fatal'] as const;

const SPELLINGS: Record<string, number> = {
  fatal: L_FATAL,
  critical: L_FATAL,
  crit: L_FATAL,
  panic: L_FATAL,
  emerg: L_FATAL,
  emergency: L_FATAL,
  alert: L_FATAL,
  error: L_ERROR,
  err: L_ERROR,
  erro: L_ERROR,
  severe: L_ERROR,
  fail: L_ERROR,
  failure: L_ERROR,
  warn: L_WARN,
  warning: L_WARN,
  wrn: L_WARN,
  info: L_INFO,
  information: L_INFO,
  informational: L_INFO,
  inf: L_INFO,
  notice: L_INFO,
  debug: L_DEBUG,
  dbug: L_DEBUG,
  dbg: L_DEBUG,
  trace: L_DEBUG,
  trac: L_DEBUG,
  trce: L_DEBUG,
  verbose: L_DEBUG,
  fine: L_DEBUG,
};

const WORDS = new Map<string, number>();
for (const [word, code] of Object.entries(SPELLINGS)) {
  WORDS.set(word, code);
  WORDS.set(word.toUpperCase(), code);
  WORDS.set(word[0]?.toUpperCase() + word.slice(1), code);
}

/** The level a word names (`ERROR`, `warn`, `Information`), or L_NONE. */
export function levelOfWord(word: string): number {
  return WORDS.get(word) ?? WORDS.get(word.toLowerCase()) ?? L_NONE;
}

/**
 * The level of a number: pino and bunyan numbers (10 trace … 60 fatal), or
 * syslog priorities (0 emergency … 7 debug) when `syslog` is set or the number
 * is below 10.
 */
export function levelOfNumber(value: number, syslog = false): number {
  if (!Number.isFinite(value)) return L_NONE;
  if (syslog || value < 10) {
    if (value <= 2) return L_FATAL;
    if (value === 3) return L_ERROR;
    if (value === 4) return L_WARN;
    if (value <= 6) return L_INFO;
    return L_DEBUG;
  }
  if (value >= 60) return L_FATAL;
  if (value >= 50) return L_ERROR;
  if (value >= 40) return L_WARN;
  if (value >= 30) return L_INFO;
  return L_DEBUG;
}

/** A level field's value, whatever its type (`"warn"`, `40`, `"4"` for journald). */
export function levelOfValue(value: unknown, syslog = false): number {
  if (typeof value === 'number') return levelOfNumber(value, syslog);
  if (typeof value !== 'string') return L_NONE;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return levelOfNumber(Number(trimmed), syslog);
  return levelOfWord(trimmed);
}

/** Errors and warnings are grouped; markers may come from any level. */
export function isGroupedLevel(level: number): boolean {
  return level >= L_WARN;
}

/** Case-insensitive: `word` is lower case ASCII. */
function isWordI(text: string, p: number, n: number, word: string): boolean {
  if (n !== word.length) return false;
  for (let i = 0; i < n; i++) if ((text.charCodeAt(p + i) | 32) !== word.charCodeAt(i)) return false;
  return true;
}

/** The level a word of `n` letters at `p` names, any case, without making a string (the common spellings). */
export function wordLevel(text: string, p: number, n: number): number {
  switch (text.charCodeAt(p) | 32) {
    case 101: // e
      return isWordI(text, p, n, 'error') || isWordI(text, p, n, 'err') ? L_ERROR : L_NONE;
    case 119: // w
      return isWordI(text, p, n, 'warn') || isWordI(text, p, n, 'warning') ? L_WARN : L_NONE;
    case 105: // i
      return isWordI(text, p, n, 'info') ? L_INFO : L_NONE;
    case 100: // d
      return isWordI(text, p, n, 'debug') ? L_DEBUG : L_NONE;
    case 116: // t
      return isWordI(text, p, n, 'trace') ? L_DEBUG : L_NONE;
    case 102: // f
      return isWordI(text, p, n, 'fatal') ? L_FATAL : L_NONE;
    default:
      return L_NONE;
  }
}

function isWord(text: string, p: number, n: number, word: string): boolean {
  return n === word.length && text.startsWith(word, p);
}

/** The level of an upper-case word of `n` letters at `p`, without making a string. */
export function upperLevel(text: string, p: number, n: number): number {
  switch (text.charCodeAt(p)) {
    case 69: // E
      return isWord(text, p, n, 'ERROR') || isWord(text, p, n, 'ERR') || isWord(text, p, n, 'ERRO') ? L_ERROR : isWord(text, p, n, 'EMERG') ? L_FATAL : L_NONE;
    case 87: // W
      return isWord(text, p, n, 'WARN') || isWord(text, p, n, 'WARNING') ? L_WARN : L_NONE;
    case 73: // I
      return isWord(text, p, n, 'INFO') ? L_INFO : L_NONE;
    case 68: // D
      return isWord(text, p, n, 'DEBUG') || isWord(text, p, n, 'DBUG') ? L_DEBUG : L_NONE;
    case 84: // T
      return isWord(text, p, n, 'TRACE') ? L_DEBUG : L_NONE;
    case 70: // F
      return isWord(text, p, n, 'FATAL') ? L_FATAL : L_NONE;
    case 67: // C
      return isWord(text, p, n, 'CRITICAL') || isWord(text, p, n, 'CRIT') ? L_FATAL : L_NONE;
    case 78: // N
      return isWord(text, p, n, 'NOTICE') ? L_INFO : L_NONE;
    case 80: // P
      return isWord(text, p, n, 'PANIC') ? L_FATAL : L_NONE;
    case 83: // S
      return isWord(text, p, n, 'SEVERE') ? L_ERROR : L_NONE;
    case 65: // A
      return isWord(text, p, n, 'ALERT') ? L_FATAL : L_NONE;
    default:
      return L_NONE;
  }
}
