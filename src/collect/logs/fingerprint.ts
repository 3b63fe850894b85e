/**
 * Fingerprints group log messages that differ only in their particulars:
 * `relation "habit_completions" already exists` and `relation "users" already
 * exists` share `relation "<str>" already exists`. The normalised template is
 * the fingerprint itself (readable, and stable across runs and incidents);
 * a long one is cut and keeps a hash of the whole so it stays unique.
 */

/** Templates longer than this are cut (the hash of the whole keeps them apart). */
const MAX_FINGERPRINT = 200;
/** Only the start of a message is normalised: long messages differ early or not at all. */
const MAX_INPUT = 2000;

const has = (c: string) => (text: string) => text.includes(c);
const always = () => true;

// Each rule has a guard: a cheap test that most messages fail, so a message pays only for the
// rules that can match it (all of them together took about 9 µs a message).
const RULES: [(text: string) => boolean, RegExp, string][] = [
  [has('-'), /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uuid>'],
  [has('-'), /\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?/g, '<time>'],
  [has(':'), /\b\d{2}:\d{2}:\d{2}(?:[.,]\d+)?\b/g, '<time>'],
  [has('://'), /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>)]+/gi, '<url>'],
  [has('.'), /(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?::\d{1,5})?(?![\w.])/g, '<ip>'],
  [has('::'), /(?<![\w:])(?:[0-9a-f]{1,4}:){2,7}[0-9a-f]{1,4}(?![\w:])/gi, '<ip>'],
  [has('@'), /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, '<email>'],
  [has('"'), /(?<![\w\\])"(?:[^"\\\n]|\\.){0,200}"/g, '"<str>"'],
  [has("'"), /(?<![\w\\])'(?:[^'\\\n]|\\.){0,200}'(?!\w)/g, "'<str>'"],
  [has(' /'), /\b(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) \/[^\s)"'?]*(?:\?\S*)?/g, '$1 <path>'],
  [has('/'), /(?<![\w.~-])(?:~|\.{1,2})?(?:\/[\w.@%+~-]+){2,}\/?/g, '<path>'],
  [has(':\\'), /\b[A-Za-z]:\\(?:[\w.@%+~ -]+\\)*[\w.@%+~-]*/g, '<path>'],
  [has('0x'), /\b0x[0-9a-f]+\b/gi, '<hex>'],
  [always, /\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{7,}\b/gi, '<hex>'],
  [always, /\b(?=[A-Za-z0-9_-]*\d)(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{24,}\b/g, '<id>'],
  [always, /(?<![\w.])\d+(?:\.\d+)?(?:ns|µs|us|ms|s|m|h|d)(?:\d+(?:\.\d+)?(?:ns|µs|us|ms|s|m))*\b/g, '<duration>'],
  [always, /(?<![\w.])\d+(?:\.\d+)? ?(?:seconds?|secs?|minutes?|mins?|hours?|milliseconds?|msecs?)\b/g, '<duration>'],
  [always, /(?<![\w])[-+]?\d+(?:[.,]\d+)*(?![\w])/g, '<n>'],
];
const DIGIT = /\d/;
/** Rules from here on need a digit. */
const FIRST_DIGIT_RULE = 13;
const SPACES = /\s{2,}|[\t\r\n\f\v]/g;

/** The message with numbers, ids, UUIDs, hex, quoted names, paths, IPs, URLs, times and durations replaced by placeholders. */
export function normalizeMessage(message: string): string {
  let text = message.length > MAX_INPUT ? message.slice(0, MAX_INPUT) : message;
  const digits = DIGIT.test(text);
  for (let i = 0; i < RULES.length; i++) {
    if (i >= FIRST_DIGIT_RULE && !digits) break;
    const [guard, pattern, replacement] = RULES[i] as (typeof RULES)[number];
    if (guard(text)) text = text.replace(pattern, replacement);
  }
  return text.replace(SPACES, ' ').trim();
}

/** FNV-1a, 32 bits, as 8 hex digits: short and stable across runs and machines. */
export function hash32(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** The fingerprint stored with a group: the template, or its start and a hash of the whole when it is long. */
export function fingerprintOf(template: string): string {
  if (template.length <= MAX_FINGERPRINT) return template;
  return `${template.slice(0, MAX_FINGERPRINT - 12).trimEnd()}… #${hash32(template)}`;
}
