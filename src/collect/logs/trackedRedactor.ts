import { normalizeMessage } from './fingerprint.js';
import type { RedactionCounts, Redactor } from './types.js';

/** Distinct messages remembered; the memo starts over past this. */
const MEMO_SIZE = 5000;
/** Runs of digits at a word start: ids, counts, ports, IP parts, durations. */
const DIGITS = /\b\d+/g;

interface Memo {
  message: string;
  template: string;
  /** What redacting this message masked (added again on every repeat). */
  masked: RedactionCounts | null;
}

/**
 * The redactor as the log reader uses it. Every kept text goes through it
 * before it is fingerprinted or stored. A message repeated a million times is
 * redacted and normalised once (a bounded memo), while the counts still say
 * how many secrets were masked in all of them. The memo is keyed on the
 * message with its digit runs collapsed, so `request 8812 failed` and
 * `request 9120 failed` share an entry (and a template): a secret differs in
 * its letters too, so a different secret never hits another's entry.
 */
export class TrackedRedactor {
  private readonly memo = new Map<string, Memo>();
  private readonly repeats: RedactionCounts = {};
  private snapshot: RedactionCounts;

  constructor(private readonly redactor: Redactor) {
    this.snapshot = { ...redactor.counts() };
  }

  redact(text: string): string {
    const out = this.redactor.redact(text);
    if (out !== text) this.snapshot = { ...this.redactor.counts() };
    return out;
  }

  /** A message redacted, and its template (the normalised redacted text). */
  redactMessage(raw: string): { message: string; template: string } {
    // A private key's lines are redacted by the redactor's state, not by their text alone: while a
    // block is open, or when a text may open or close one, the memo is neither read nor written.
    const stateful = this.redactor.insideBlock?.() === true || raw.includes('PRIVATE KEY');
    if (stateful) {
      const message = this.redact(raw);
      return { message, template: normalizeMessage(message) };
    }
    const key = raw.replace(DIGITS, '0');
    const known = this.memo.get(key);
    if (known) {
      if (known.masked) for (const [kind, n] of Object.entries(known.masked)) this.repeats[kind] = (this.repeats[kind] ?? 0) + n;
      return known;
    }
    const message = this.redactor.redact(raw);
    let masked: RedactionCounts | null = null;
    if (message !== raw) {
      const now = { ...this.redactor.counts() };
      masked = {};
      for (const [kind, n] of Object.entries(now)) {
        const delta = n - (this.snapshot[kind] ?? 0);
        if (delta > 0) masked[kind] = delta;
      }
      this.snapshot = now;
    }
    const entry: Memo = { message, template: normalizeMessage(message), masked };
    if (this.memo.size >= MEMO_SIZE) this.memo.clear();
    this.memo.set(key, entry);
    return entry;
  }

  /** Everything masked, by kind. */
  counts(): RedactionCounts {
    const total: RedactionCounts = { ...this.redactor.counts() };
    for (const [kind, n] of Object.entries(this.repeats)) total[kind] = (total[kind] ?? 0) + n;
    return total;
  }
}
