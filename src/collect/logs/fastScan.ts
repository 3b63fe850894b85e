import { levelOfNumber, levelOfWord, upperLevel, wordLevel } from './levels.js';
import {
  F_GITHUB,
  F_HEROKU,
  F_JOURNALD,
  F_JSON,
  F_KUBERNETES,
  F_LOGFMT,
  F_PLAIN,
  F_SYSLOG,
  F_TEXT,
  K_JSON,
  K_LEVELED,
  K_LOGFMT,
  K_NONE,
  K_STAMPED,
  T_ISO,
  T_JSON,
  T_LOGFMT,
  T_NONE,
  T_SYSLOG,
} from './lineKinds.js';
import { markerHintAt } from './markerHints.js';
import type { TimeReader } from './timestamps.js';
import { L_DEBUG, L_ERROR, L_FATAL, L_NONE, L_WARN } from './types.js';

/**
 * The fast path: classifies a line straight from the Latin-1 view of its
 * bytes (one char per byte, so positions are byte offsets) without decoding
 * it. It finds the timestamp, where the message starts, the level token and
 * whether the message might be a lifecycle marker. Lines that matter
 * (errors, warnings, markers, continuations of those) are then decoded and
 * parsed exactly by a format parser; the rest are only counted.
 */

const JSON_TIME = /"(?:time|timestamp|ts|@timestamp|__REALTIME_TIMESTAMP|@t|t|date|datetime)" ?: ?"?([^",}]+)/;
const LOGFMT_TIME = /(?:^| )(?:time|ts|t|timestamp)="?([^"\s]+)/;

/** How far into the message a level token may be (beyond it, words are the message's). */
const LEVEL_WINDOW = 160;

// Tokens end on the level word, so the word is read backwards from the match end (which
// also checks it is a whole word). No leading \b and no lowercase words: both make the
// regex test every position, and this one runs over every byte of the log.
const TEXT_LEVEL =
  /(?:ERROR|ERRO|ERR|WARNING|WARN|INFO|DEBUG|DBUG|TRACE|FATAL|CRITICAL|CRIT|NOTICE|PANIC|SEVERE|EMERG|ALERT|Traceback|Error|Exception)\b|##\[(?:error|warning|notice|debug)(?=\])|::(?:error|warning|notice|debug)(?=[ :])/g;
/** logfmt lines: `level=info`, `at=error` (Heroku router). */
const LOGFMT_LEVEL = /(?:level|lvl|severity|at)=["']?[A-Za-z0-9]+/g;
/** A lowercase level at the very start of a message: `error: …`, `warn: …`, `at=error …`. */
const START_LEVEL =
  /(?:(?:at|level|lvl|severity)=["']?)?(?:[Ee]rror|[Ww]arning|[Ww]arn|[Pp]anic|[Ff]atal|[Ii]nfo|[Dd]ebug|[Cc]ritical|crit|fail|trce|dbug)(?=[:= \]\n]|$)/y;
const JSON_LEVEL = /"(?:level|severity|lvl|levelname|loglevel|log\.level|PRIORITY|@l)" ?: ?"?[A-Za-z0-9]+/g;
const JSON_MESSAGE = /"(?:msg|message|event|MESSAGE|log|@m)" ?: ?"/g;

/** "No match": a small integer, so the optimiser keeps positions as integers. */
export const NO_MATCH = 0x3fffffff;

/** A search over one chunk's text that remembers its next match, so each line costs one comparison. */
class CachedSearch {
  private text: string | null = null;
  private from = -1;
  /** Where the last match ended, or NO_MATCH when there is none after `from`. */
  private end = NO_MATCH;

  constructor(private readonly re: RegExp) {}

  /** End of the first match at or after `from`, or NO_MATCH. */
  next(text: string, from: number): number {
    if (text !== this.text || from < this.from || this.end <= from) {
      this.text = text;
      this.from = from;
      this.re.lastIndex = from;
      this.end = this.re.test(text) ? this.re.lastIndex : NO_MATCH;
    }
    return this.end;
  }
}

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}

function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}

/** Reads one line's shape; results are left in the fields, so no object is made per line. */
export class LineScanner {
  kind = K_NONE;
  family = F_TEXT;
  /** What kind of time the line carries (T_*); it is read only when needed, with `readTime`. */
  timeKind = T_NONE;
  /** Where the time starts. */
  timeAt = 0;
  msgStart = 0;
  level = L_NONE;
  /** The level came from a level field or word (not from "Traceback" or "TypeError"). */
  explicit = false;
  /** Where the level token starts, or -1. */
  tokenStart = -1;
  /** Where the level token ends. */
  tokenEnd = -1;
  /** The message may be a lifecycle marker. */
  hint = false;

  private readonly textLevel = new CachedSearch(TEXT_LEVEL);
  private readonly logfmtLevel = new CachedSearch(LOGFMT_LEVEL);
  private readonly jsonLevel = new CachedSearch(JSON_LEVEL);
  private readonly jsonMessage = new CachedSearch(JSON_MESSAGE);

  constructor(private readonly clock: TimeReader) {}

  /** Classifies the line text[start, end) (not blank, not starting with white space). */
  scan(text: string, start: number, end: number): number {
    this.kind = K_NONE;
    this.family = F_TEXT;
    this.timeKind = T_NONE;
    this.timeAt = start;
    this.msgStart = start;
    const c = text.charCodeAt(start);
    if (c >= 48 && c <= 57) this.stamped(text, start, start, end);
    else if (c === 123) {
      this.kind = K_JSON;
      this.family = text.charCodeAt(start + 2) === 95 && text.charCodeAt(start + 3) === 95 ? F_JOURNALD : F_JSON;
      this.timeKind = T_JSON;
    } else if (c === 91) {
      const d = text.charCodeAt(start + 1);
      if (d >= 48 && d <= 57) this.stamped(text, start + 1, start, end);
    } else if (isUpper(c) && end - start > 4) {
      if (text.charCodeAt(start + 1) === 44 && text.charCodeAt(start + 3) === 91) {
        // Rails: `I, [2026-01-05T17:00:00.123456 #123]  INFO -- : …`
        this.stamped(text, start + 4, start, end);
      } else if (text.charCodeAt(start + 3) === 32 && end - start > 16 && isSyslogStart(text, start)) {
        this.kind = K_STAMPED;
        this.family = F_SYSLOG;
        this.timeKind = T_SYSLOG;
        const colon = text.indexOf(': ', start + 15);
        this.msgStart = colon > 0 && colon < end && colon - start < 140 ? colon + 2 : Math.min(start + 16, end);
      }
    } else if (c >= 97 && c <= 122) this.logfmt(text, start, end);
    this.findLevel(text, start, end);
    if (this.kind === K_NONE && this.explicit && this.tokenStart === start) this.kind = K_LEVELED;
    // Errors and warnings are classified exactly anyway; debug lines announce no lifecycle.
    const level = this.level;
    this.hint = level >= L_WARN || level === L_DEBUG ? false : this.kind === K_JSON ? this.jsonHint(text, start, end) : this.textHint(text, end);
    return this.kind;
  }

  /** The time of the line last scanned (epoch ms), or NaN. */
  readTime(text: string, end: number): number {
    return readTimeAt(this.clock, text, this.timeKind, this.timeAt, end);
  }

  /** The level code of the token ending at `tokenEnd`, setting `explicit` and `tokenStart`. */
  private readToken(text: string, from: number, tokenEnd: number): number {
    this.tokenEnd = tokenEnd;
    let ws = tokenEnd;
    while (ws > from && isWordChar(text.charCodeAt(ws - 1))) ws--;
    this.tokenStart = ws;
    const before = ws > 0 ? text.charCodeAt(ws - 1) : 32;
    const first = text.charCodeAt(ws);
    if (first >= 48 && first <= 57) {
      // A number: a pino level, or a journald PRIORITY.
      let k = ws - 1;
      while (k > from && (text.charCodeAt(k) === 34 || text.charCodeAt(k) === 58 || text.charCodeAt(k) === 32)) k--;
      this.explicit = true;
      let value = 0;
      for (let q = ws; q < tokenEnd && q < ws + 6; q++) value = value * 10 + text.charCodeAt(q) - 48;
      return levelOfNumber(value, text.charCodeAt(k) === 89);
    }
    const known = wordLevel(text, ws, tokenEnd - ws);
    const word = known === L_NONE ? text.slice(ws, tokenEnd) : '';
    const level = known === L_NONE ? levelOfWord(word) : known;
    if (level !== L_NONE) {
      const keyed = before === 61 || before === 34 || before === 39 || before === 91 || before === 58;
      if (keyed || isUpper(text.charCodeAt(tokenEnd - 1)) || ws === this.msgStart) {
        this.explicit = true;
        return level;
      }
      // A lowercase `error:` inside a message says something went wrong; `info:` says nothing.
      this.explicit = false;
      return level >= L_WARN ? (level === L_FATAL && text.startsWith('fatal', ws) ? L_ERROR : level) : L_NONE;
    }
    this.explicit = false;
    const last = text.charCodeAt(tokenEnd - 1);
    // `Traceback`, `TypeError`, `NullPointerException` (the regex only ends tokens on these letters).
    if (last === 107 || last === 114 || last === 110) {
      if (word === 'Traceback' || word.endsWith('Error') || word.endsWith('Exception')) return L_ERROR;
    }
    return L_NONE;
  }

  private findLevel(text: string, start: number, end: number): void {
    this.level = L_NONE;
    this.explicit = false;
    this.tokenStart = -1;
    const from = this.msgStart;
    if (this.kind === K_JSON || text.charCodeAt(from) === 123) {
      const e = this.jsonLevel.next(text, from);
      if (e <= end) {
        this.level = this.readToken(text, from, e);
        this.explicit = true;
        return;
      }
    } else if (this.kind === K_LOGFMT) {
      const e = this.logfmtLevel.next(text, start);
      if (e <= end && e - start <= LEVEL_WINDOW) {
        this.level = this.readToken(text, start, e);
        return;
      }
    }
    if (this.levelAtStart(text, from, end)) return;
    const first = text.charCodeAt(from);
    // `at=info …` (Heroku router), `error: …`: a lower-case start is checked before any search.
    if (first >= 97 && first <= 122 && this.levelAtStartLower(text, from, end)) return;
    const e = this.textLevel.next(text, from);
    if (e <= end && e - from <= LEVEL_WINDOW) {
      this.level = this.readToken(text, from, e);
      if (this.level !== L_NONE) return;
    }
    if (this.levelAtStartLower(text, from, end)) return;
    this.tokenStart = -1;
  }

  /** `error: …`, `Warning: …`, `at=info …` at the message start. */
  private levelAtStartLower(text: string, from: number, end: number): boolean {
    START_LEVEL.lastIndex = from;
    if (!START_LEVEL.test(text) || START_LEVEL.lastIndex > end) return false;
    this.level = this.readToken(text, from, START_LEVEL.lastIndex);
    this.explicit = true;
    return true;
  }

  /** The common case, without a regex: an upper-case level word at the message start (`[INFO]`, ` ERROR`, `[7] [WARNING]`, `INFO:`). */
  private levelAtStart(text: string, from: number, end: number): boolean {
    let p = from;
    let c = text.charCodeAt(p);
    if (c === 91) {
      c = text.charCodeAt(++p);
      // gunicorn: `[7] [ERROR]`
      if (c >= 48 && c <= 57) {
        while (c >= 48 && c <= 57) c = text.charCodeAt(++p);
        if (c !== 93 || text.charCodeAt(p + 1) !== 32 || text.charCodeAt(p + 2) !== 91) return false;
        p += 3;
        c = text.charCodeAt(p);
      }
    }
    while (c === 32 && p - from < 8) c = text.charCodeAt(++p);
    const ws = p;
    while (isUpper(c)) c = text.charCodeAt(++p);
    const n = p - ws;
    if (n < 3 || n > 8 || p > end || isWordChar(c) || c === 95) return false;
    const level = upperLevel(text, ws, n);
    if (level === L_NONE) return false;
    this.level = level;
    this.explicit = true;
    this.tokenStart = ws;
    this.tokenEnd = p;
    return true;
  }

  /**
   * A line starting with an ISO-like timestamp at `at` (after `[` or `I, [`
   * for gunicorn and Rails). Only its shape is checked here; `readTime` reads it.
   */
  private stamped(text: string, at: number, start: number, end: number): void {
    if (end - at < 16) return;
    if (text.charCodeAt(at + 4) !== 45 || text.charCodeAt(at + 7) !== 45 || text.charCodeAt(at + 13) !== 58) return;
    const sep = text.charCodeAt(at + 10);
    if (sep !== 84 && sep !== 32 && sep !== 116) return;
    let family = F_PLAIN;
    let p: number;
    if (at !== start) {
      // `[2026-01-05 17:00:00 +0000] [7] …`, `I, [2026-01-05T17:00:00.123456 #123]  INFO -- : …`
      const close = text.indexOf(']', at + 16);
      p = close > 0 && close < end ? close + 1 : end;
    } else {
      let sp = text.indexOf(' ', at + 16);
      if (sp < 0 || sp > end) sp = end;
      else {
        // A zone after a space: `17:00:00 +0000 …`, `17:00:00 UTC …`.
        const z = text.charCodeAt(sp + 1);
        const d = text.charCodeAt(sp + 2);
        if (((z === 43 || z === 45) && d >= 48 && d <= 57) || text.startsWith('UTC ', sp + 1) || text.startsWith('GMT ', sp + 1)) {
          const next = text.indexOf(' ', sp + 1);
          sp = next < 0 || next > end ? end : next;
        }
      }
      p = sp < end ? sp + 1 : end;
      const lower = text.charCodeAt(p);
      if (p < end && lower >= 97 && lower <= 122) {
        const heroku = herokuPrefixEnd(text, p, end);
        if (heroku > 0) {
          family = F_HEROKU;
          p = heroku;
        } else if (lower === 115 && (text.startsWith('stdout ', p) || text.startsWith('stderr ', p)) && text.charCodeAt(p + 8) === 32) {
          family = F_KUBERNETES;
          p += 9;
        }
      }
      if (family === F_PLAIN && p < end && text.charCodeAt(sp - 1) === 90 && text.charCodeAt(at + 19) === 46) {
        // RFC 3339 with nanoseconds (kubectl, docker) or seven digits (GitHub Actions).
        const digits = sp - at - 21;
        if (digits === 9) family = F_KUBERNETES;
        else if (digits === 7) family = F_GITHUB;
      }
    }
    this.kind = K_STAMPED;
    this.family = family;
    this.timeKind = T_ISO;
    this.timeAt = at;
    this.msgStart = text.charCodeAt(p) === 32 && p < end ? p + 1 : p;
  }

  private logfmt(text: string, start: number, end: number): void {
    let p = start;
    const limit = Math.min(end, start + 32);
    while (p < limit) {
      const c = text.charCodeAt(p);
      if (c === 61) break;
      if (!(isWordChar(c) || c === 95 || c === 46)) return;
      p++;
    }
    if (p === start || p >= limit || text.charCodeAt(p) !== 61) return;
    this.kind = K_LOGFMT;
    this.family = F_LOGFMT;
    this.timeKind = T_LOGFMT;
  }

  private textHint(text: string, end: number): boolean {
    let p = skipSeparators(text, this.tokenStart >= 0 ? this.tokenEnd : this.msgStart, end);
    const c = text.charCodeAt(p);
    if (c >= 48 && c <= 57) p = skipLogback(text, p, end);
    else if (c >= 97 && c <= 122) p = skipLoggerName(text, p, end);
    return this.hintAt(text, p);
  }

  private jsonHint(text: string, start: number, end: number): boolean {
    const e = this.jsonMessage.next(text, start);
    if (e > end) return false;
    if (this.hintAt(text, e)) return true;
    const c = text.charCodeAt(e);
    if (c >= 97 && c <= 122) return this.hintAt(text, skipLoggerName(text, e, end));
    // A level written into the message (`INFO:     Uvicorn running on …`).
    let p = e;
    while (p < end && p - e < 9 && isUpper(text.charCodeAt(p))) p++;
    return p > e + 2 && this.hintAt(text, skipSeparators(text, p, end));
  }

  private hintAt(text: string, p: number): boolean {
    return markerHintAt(text, p);
  }
}

/** Reads a time found by `LineScanner.scan` (kind and position), lazily: most lines never need theirs. */
export function readTimeAt(clock: TimeReader, text: string, kind: number, at: number, end: number): number {
  switch (kind) {
    case T_ISO:
      return clock.iso(text, at, end);
    case T_SYSLOG:
      return clock.syslog(text, at, end);
    case T_JSON:
    case T_LOGFMT: {
      const line = text.slice(at, Math.min(end, at + 4096));
      const match = (kind === T_JSON ? JSON_TIME : LOGFMT_TIME).exec(line);
      return match?.[1] ? clock.value(match[1]) : Number.NaN;
    }
    default:
      return Number.NaN;
  }
}

const MONTH_STARTS = new Set(['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']);

/** `Jan  5 17:00:00` / `Jan 05 17:00:00` at `p`. */
function isSyslogStart(text: string, p: number): boolean {
  const q = text.charCodeAt(p + 4) === 32 ? p + 5 : p + 4;
  const d = text.charCodeAt(q + 1) === 32 ? q + 1 : q + 2;
  return text.charCodeAt(d + 3) === 58 && text.charCodeAt(d + 6) === 58 && MONTH_STARTS.has(text.slice(p, p + 3));
}

/** Skips `] : - |` and spaces, then one `[logger.name]`. */
function skipSeparators(text: string, p: number, end: number): number {
  let q = p;
  for (;;) {
    const c = text.charCodeAt(q);
    if (q < end && (c === 32 || c === 93 || c === 58 || c === 45 || c === 124 || c === 9)) q++;
    else break;
  }
  if (text.charCodeAt(q) === 91) {
    const close = text.indexOf(']', q);
    if (close > 0 && close < end && close - q < 100) {
      q = close + 1;
      while (q < end && text.charCodeAt(q) === 32) q++;
    }
  }
  return q;
}

/** After a logger name and its colon (`root: `, `uvicorn.error:`, `habits.service: `), or `p`. */
function skipLoggerName(text: string, p: number, end: number): number {
  let q = p;
  const limit = Math.min(end, p + 60);
  for (;;) {
    const c = text.charCodeAt(q);
    if (q < limit && (isWordChar(c) || c === 46 || c === 95 || c === 45)) q++;
    else break;
  }
  return text.charCodeAt(q) === 58 ? skipSeparators(text, q + 1, end) : p;
}

/** After logback's `1 --- [main] c.e.App : `, or `p`. */
function skipLogback(text: string, p: number, end: number): number {
  let q = p;
  while (q < end && text.charCodeAt(q) >= 48 && text.charCodeAt(q) <= 57) q++;
  if (!text.startsWith(' --- ', q)) return p;
  const colon = text.indexOf(' : ', q);
  return colon > 0 && colon < end && colon - q < 200 ? skipSeparators(text, colon + 3, end) : p;
}

/** End of a Heroku `app[web.1]: ` / `heroku[router]: ` prefix at `p`, or -1. */
function herokuPrefixEnd(text: string, p: number, end: number): number {
  let q = p;
  const limit = Math.min(end, p + 24);
  while (q < limit) {
    const c = text.charCodeAt(q);
    if (!(isWordChar(c) || c === 95 || c === 45)) break;
    q++;
  }
  if (q === p || text.charCodeAt(q) !== 91) return -1;
  const close = text.indexOf(']', q);
  if (close < 0 || close >= end || close - q > 48 || text.charCodeAt(close + 1) !== 58 || text.charCodeAt(close + 2) !== 32) return -1;
  return close + 3;
}

/** Whether the level counts as an error or warning group. */
export function isProblem(level: number): boolean {
  return level >= L_WARN;
}
