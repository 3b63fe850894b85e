import { levelOfValue } from '../levels.js';
import type { TimeReader } from '../timestamps.js';
import { L_NONE, type ParsedLine } from '../types.js';

const PAIR = /([^\s=]+)(?:=(?:"((?:[^"\\]|\\.)*)"?|(\S*)))?/g;

/** Splits `key=value key2="quoted \"value\""` into pairs; a bare word becomes a key with value "". */
export function parseLogfmtPairs(text: string): Map<string, string> {
  const pairs = new Map<string, string>();
  PAIR.lastIndex = 0;
  for (let match = PAIR.exec(text); match; match = PAIR.exec(text)) {
    const [, key = '', quoted, bare] = match;
    if (pairs.has(key)) continue;
    if (quoted === undefined) pairs.set(key, bare ?? '');
    else pairs.set(key, quoted.includes('\\') ? quoted.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c)) : quoted);
  }
  return pairs;
}

const TIME_KEYS = ['time', 'ts', 't', 'timestamp', 'date'];
const LEVEL_KEYS = ['level', 'lvl', 'severity', 'at'];
const MESSAGE_KEYS = ['msg', 'message', 'desc', 'error', 'err'];
const SOURCE_KEYS = ['logger', 'component', 'module', 'source', 'caller', 'dyno'];

/** A logfmt line (Go's logfmt, logrus, Heroku router lines). */
export function parseLogfmtLine(text: string, clock: TimeReader): ParsedLine {
  const pairs = parseLogfmtPairs(text);
  const pick = (keys: string[]) => {
    for (const key of keys) {
      const value = pairs.get(key);
      if (value !== undefined && value !== '') return { key, value };
    }
    return null;
  };
  const time = pick(TIME_KEYS);
  const level = pick(LEVEL_KEYS);
  const source = pick(SOURCE_KEYS);
  let message: string;
  if (pairs.has('code') && pairs.has('desc')) {
    // Heroku router: `at=error code=H10 desc="App crashed" method=GET path="/" …`
    const request = [pairs.get('method'), pairs.get('path')].filter(Boolean).join(' ');
    message = `${pairs.get('code')} ${pairs.get('desc')}${request ? ` (${request})` : ''}`;
  } else {
    const main = pick(MESSAGE_KEYS);
    const skip = new Set([time?.key, level?.key, main?.key]);
    const rest = [...pairs].filter(([key]) => !skip.has(key)).map(([key, value]) => (value === '' ? key : `${key}=${value}`));
    message = main ? (main.key === 'msg' || main.key === 'message' ? main.value : `${main.key}=${main.value}`) : rest.join(' ');
    if (!main && !message) message = text;
    // The error beside the message says what went wrong: `msg="upstream request failed" err="connection refused"`.
    const error = pairs.get('err') ?? pairs.get('error');
    if (main && (main.key === 'msg' || main.key === 'message') && error && !message.includes(error)) message = `${message}: ${error}`;
  }
  return {
    format: 'logfmt',
    time: time ? clock.value(time.value) : Number.NaN,
    level: level ? levelOfValue(level.value) : L_NONE,
    explicit: level !== null,
    message,
    source: source?.value ?? null,
    details: pairs.get('stack') ?? pairs.get('stacktrace') ?? null,
  };
}
