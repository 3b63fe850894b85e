import { type Found, marker, PATTERN_GROUPS, PRIVATE_KEY_BEGIN, PRIVATE_KEY_END } from './patterns.js';

/**
 * The one redaction step every collector runs text through before anything is stored.
 *
 * Why not a library: secretlint (`@secretlint/core` 12 with `secretlint-rule-preset-recommend`,
 * whose rules `patterns.ts` is modeled on) is a linter. It reports ranges through an async,
 * per-file API: about 0.75 MB/s when called per log line (150 MB/s over one 33 MB text, where it
 * only detects). Its preset has no rule for JWTs, bearer tokens, Stripe or Google keys, named
 * secrets (`DB_PASSWORD=...`) or random tokens, keeps AWS access key ids off by default, and
 * finds OpenAI keys only with their `T3BlbkFJ` marker. This redactor runs at 110-150 MB/s per
 * line on typical log lines without secrets (nginx, JSON, uvicorn, postgres, logfmt, stack
 * traces; Node 20), because a few cheap tests skip the expensive patterns (`PatternGroup`).
 *
 * Decisions, kept in one place:
 * - Random-looking tokens of 32+ characters (base64, base64url, hex) are masked unless the text
 *   around them says they are a hash or an id: one of the two words before them is `commit`,
 *   `sha256`, `digest`, `trace`, `request`, `event`, `image`, `version`... (`HASH_WORDS`), or
 *   they follow `@` or `..`, or precede `..`, `:refs/` or a file extension (`logo.<hash>.svg`).
 *   Commit hashes are evidence; a bare 40-hex string with no such context is treated as a
 *   possible secret (old GitHub tokens were 40 hex). Short hashes (7-12 hex) are never
 *   touched; UUIDs and ULIDs never are, nor are paths, identifiers and words.
 * - A named value (`password=...`) ends at whitespace, `,`, `;` or `&` within a line; at the
 *   start of a line (YAML, `.env`, HTTP headers) it runs to the end of the line.
 * - Placeholders are left alone (`Bearer undefined`, `password=${DB_PASSWORD}`, `token=null`):
 *   they are often the bug being written up.
 */

export type RedactionCounts = Record<string, number>; // kind -> count

export interface Redactor {
  /** Returns text with every secret replaced by `[REDACTED:<kind>]`; adds to the counts. */
  redact(text: string): string;
  /** Cumulative counts by kind since creation. */
  counts(): RedactionCounts;
  /**
   * True while a private key block is open (its BEGIN line was seen, its END not yet): the next
   * texts depend on that state, so a caller that remembers results must not reuse them then.
   */
  insideBlock?(): boolean;
}

/** A PEM body line (base64, 16+ characters or padded) or header (`Proc-Type: 4,ENCRYPTED`). */
const KEY_BODY_LINE = /^\s*(?:[A-Za-z0-9+/]{16,}={0,2}|[A-Za-z0-9+/]+={1,2}|(?:Proc-Type|DEK-Info|Version|Comment): [^\r\n]*)?\s*$/;
const PRIVATE_KEY_MARKER = marker('private-key');

/**
 * Creates a redactor. It is not configurable and cannot be turned off.
 *
 * Redaction is idempotent: markers are never matched again. One piece of state spans calls, so
 * that a key logged line by line is masked whole: after a text that opens a private key block
 * without closing it, following texts that look like the key's base64 body are masked (without
 * being counted again) until the END line or a line that is not key material.
 */
export function createRedactor(): Redactor {
  const totals = new Map<string, number>();
  let insidePrivateKey = false;

  const found: Found = (kind) => {
    totals.set(kind, (totals.get(kind) ?? 0) + 1);
    return marker(kind);
  };

  function redactText(text: string): string {
    let result = text;
    for (const group of PATTERN_GROUPS) if (group.hint(result)) result = group.apply(result, found);
    if (text.includes('PRIVATE KEY')) {
      const begin = PRIVATE_KEY_BEGIN.exec(text);
      insidePrivateKey = begin !== null && !PRIVATE_KEY_END.test(text.slice(begin.index));
    }
    return result;
  }

  return {
    redact(text) {
      if (!insidePrivateKey) return redactText(text);
      const end = PRIVATE_KEY_END.exec(text);
      if (end) {
        insidePrivateKey = false;
        return PRIVATE_KEY_MARKER + redactText(text.slice(end.index + end[0].length));
      }
      if (KEY_BODY_LINE.test(text)) return text.trim() === '' ? text : PRIVATE_KEY_MARKER;
      insidePrivateKey = false;
      return redactText(text);
    },
    counts() {
      return Object.fromEntries(totals);
    },
    insideBlock() {
      return insidePrivateKey;
    },
  };
}
