import { normalizeMessage } from './fingerprint.js';
import type { RedactionCounts, Redactor } from './types.js';

/** Distinct messages remembered; the memo starts over past this. */
const MEMO_SIZE = 5000;
/** Runs of digits at a word start: ids, counts, ports, IP parts, durations. */
const DIGITS = /\b\d+/g;

/** A remembered message: its redaction and template. */
export interface MemoEntry {
  message: string;
  template: string;
  /** What redacting this message masked (added again on every repeat). */
  masked: RedactionCounts | null;
  /** The memo key (null when the message was redacted without the memo). */
  key: string | null;
}

/** A message that was not in the memo, as a byte-range merge replays them (see rangeMerge.ts). */
export interface MemoMiss {
  key: string;
  entry: MemoEntry;
}

/** Memo size past which a byte-range merge no longer follows the memo (it starts over there). */
export const MEMO_LIMIT = MEMO_SIZE;

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
  private memo = new Map<string, MemoEntry>();
  /** The memo misses, in order, while recording (a byte range's reading). */
  misses: MemoMiss[] | null = null;
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

  /** A text redacted, with what that masked and whether it changed the private key state. */
  redactTracked(text: string): { text: string; masked: RedactionCounts | null; stateful: boolean } {
    const inside = this.insideBlock();
    const before = this.redactor.counts();
    const out = this.redact(text);
    let masked: RedactionCounts | null = null;
    if (out !== text) {
      masked = {};
      for (const [kind, n] of Object.entries(this.redactor.counts())) {
        const delta = n - (before[kind] ?? 0);
        if (delta > 0) masked[kind] = delta;
      }
    }
    return { text: out, masked, stateful: inside !== this.insideBlock() };
  }

  /** Whether a private key block is open (what follows is masked by that state). */
  insideBlock(): boolean {
    return this.redactor.insideBlock?.() === true;
  }

  /** Forgets the memo and starts recording misses: a byte range starts here (see rangeMerge.ts). */
  startRecording(): void {
    this.memo = new Map();
    this.misses = [];
  }

  /** A message redacted, and its template (the normalised redacted text). */
  redactMessage(raw: string): MemoEntry {
    // A private key's lines are redacted by the redactor's state, not by their text alone: while a
    // block is open, or when a text may open or close one, the memo is neither read nor written.
    const stateful = this.insideBlock() || raw.includes('PRIVATE KEY');
    if (stateful) {
      const message = this.redact(raw);
      return { message, template: normalizeMessage(message), masked: null, key: null };
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
    const entry: MemoEntry = { message, template: normalizeMessage(message), masked, key };
    if (this.memo.size >= MEMO_SIZE) this.memo.clear();
    this.memo.set(key, entry);
    this.misses?.push({ key, entry });
    return entry;
  }

  /** Everything masked, by kind. */
  counts(): RedactionCounts {
    const total: RedactionCounts = { ...this.redactor.counts() };
    for (const [kind, n] of Object.entries(this.repeats)) total[kind] = (total[kind] ?? 0) + n;
    return total;
  }
}
