import type { LineScanner } from '../fastScan.js';

const SEPARATORS = /^[\s\]:|>-]+/;
// Spring Boot / logback: `1 --- [main] c.e.App : message` (Boot 3.2+: `--- [app] [main]`).
const LOGBACK_PREFIX = /^(?:\d+\s+)?---\s+(?:\[[^\]]*\]\s*)+[\w.$]+\s*:\s/;

function isUpperWord(text: string, p: number): boolean {
  const c = text.charCodeAt(p + 1);
  return c >= 65 && c <= 90;
}

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/**
 * The message of a plain application log line once its timestamp and level
 * are read: Python logging (`[INFO] root: …`, `INFO:uvicorn.error:…`),
 * uvicorn and gunicorn (`[7] [ERROR] …`), Rails (`INFO -- : …`), logback
 * (`ERROR 1 --- [main] c.e.App : …`), syslog and timestamp-prefixed lines.
 * The level word and the separators around it are dropped; logger names stay.
 */
export function plainMessage(text: string, scanner: LineScanner): string {
  let p = scanner.msgStart;
  const t = scanner.tokenStart;
  // Drop a level field (`[INFO]`, `ERROR`, `INFO:`), not a word of the message (`Error: connect ECONNREFUSED`).
  if (scanner.explicit && t >= p && t - p <= 48 && (isUpperWord(text, t) || text.charCodeAt(t - 1) === 91)) {
    p = t;
    while (p < text.length && isWordChar(text.charCodeAt(p))) p++;
  }
  let message = text.slice(p).replace(SEPARATORS, '');
  const logback = LOGBACK_PREFIX.exec(message);
  if (logback) message = message.slice(logback[0].length);
  return message.trimEnd();
}
