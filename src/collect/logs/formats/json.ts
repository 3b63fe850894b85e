import { levelOfValue } from '../levels.js';
import type { InnerMessage } from '../parseLine.js';
import type { TimeReader } from '../timestamps.js';
import { L_NONE, type ParsedLine } from '../types.js';
import { isRailwayRecord, railwayLevel } from './railway.js';

type Json = Record<string, unknown>;

const TIME_KEYS = ['time', 'timestamp', 'ts', '@timestamp', '__REALTIME_TIMESTAMP', '@t', 't', 'date', 'datetime', 'asctime'];
const LEVEL_KEYS = ['level', 'severity', 'lvl', 'levelname', 'loglevel', 'log.level', 'PRIORITY', '@l'];
const MESSAGE_KEYS = ['msg', 'message', 'event', 'MESSAGE', 'log', '@m', '@mt', 'text'];
const SOURCE_KEYS = ['_SYSTEMD_UNIT', 'SYSLOG_IDENTIFIER', 'logger', 'logger_name', 'name', 'service', 'component', 'stream'];

function first(record: Json, keys: string[]): [string, unknown] | null {
  for (const key of keys) {
    const value = record[key];
    if (value !== undefined && value !== null && value !== '') return [key, value];
  }
  return null;
}

function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'number')) return Buffer.from(value as number[]).toString('utf8');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** A one-line error carried beside the message (zap `error`, pino `err.message`), to complete it. */
function errorText(record: Json): string | null {
  for (const key of ['error', 'err', 'exception']) {
    const value = record[key];
    const text = typeof value === 'string' ? value : value && typeof value === 'object' ? (value as Json).message : undefined;
    if (typeof text === 'string' && text.trim() && !text.includes('\n')) return text.trim();
  }
  return null;
}

/** A stack or traceback carried in a field (pino `err.stack`, winston `stack`, structlog `exception`). */
function detailsOf(record: Json): string | null {
  for (const key of ['stack', 'stacktrace', 'exception', 'exc_info', 'error.stack_trace']) {
    const value = record[key];
    if (typeof value === 'string' && value.includes('\n')) return value;
  }
  for (const key of ['err', 'error']) {
    const value = record[key];
    if (value && typeof value === 'object') {
      const stack = (value as Json).stack ?? (value as Json).stack_trace;
      if (typeof stack === 'string') return stack;
    } else if (typeof value === 'string' && value.includes('\n')) return value;
  }
  return null;
}

/**
 * A JSON log record: pino and bunyan (numeric levels, `time` in ms), winston
 * (`level`, `message`, `timestamp`), zap (`ts` in seconds, `msg`), structlog
 * (`event`), journald (`journalctl -o json`: `__REALTIME_TIMESTAMP` in µs,
 * `PRIORITY`, `MESSAGE`, `_SYSTEMD_UNIT`), Railway's export (`timestamp`,
 * `message`, `severity`) and Docker's json-file (`log`, `stream`, `time`).
 * Null when the text is not a JSON object (a truncated line).
 */
export function parseJsonLine(text: string, clock: TimeReader, inner: (message: string) => InnerMessage): ParsedLine | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const record = value as Json;
  const journald = '__REALTIME_TIMESTAMP' in record || '__CURSOR' in record;
  const railway = !journald && isRailwayRecord(record);
  const time = first(record, TIME_KEYS);
  const levelField = first(record, LEVEL_KEYS);
  const messageField = first(record, MESSAGE_KEYS);
  let message = messageField ? asText(messageField[1]) : '';
  if (messageField?.[0] === 'log' && message.endsWith('\n')) message = message.slice(0, -1);
  const source = first(record, SOURCE_KEYS);
  let level = levelField ? levelOfValue(levelField[1], levelField[0] === 'PRIORITY') : L_NONE;
  let explicit = levelField !== null;
  if (railway || !levelField) {
    // Railway's export and Docker's json-file carry a service's raw output: its own level word
    // (`INFO:     Uvicorn running on …`) says more than the record's stream-based severity.
    const own = inner(message);
    if (own.explicit) message = own.message;
    if (railway) [level, explicit] = railwayLevel(levelField?.[1], own.level, own.explicit);
    else [level, explicit] = [own.level, own.explicit];
  }
  const error = errorText(record);
  if (error && !message.includes(error)) message = message ? `${message}: ${error}` : error;
  return {
    format: journald ? 'journald' : railway ? 'railway' : 'json',
    time: time ? clock.value(time[1]) : Number.NaN,
    level,
    explicit,
    message,
    source: source ? asText(source[1]) : null,
    details: detailsOf(record),
  };
}
