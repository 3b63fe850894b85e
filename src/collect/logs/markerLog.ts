import type { Marker } from './markers.js';

/** One lifecycle marker, or a run of the same marker in a row. */
export interface MarkerEntry {
  marker: Marker;
  level: number;
  /** The first line's message, redacted. */
  message: string;
  time: number;
  last: number;
  count: number;
  seq: number;
}

/** Same markers in a row closer than this merge (health-check retries, worker boots). */
const MERGE_WINDOW_MS = 10 * 60_000;

/** Whether a marker at `time` joins the run `last` (same marker, close enough, or a time unknown). */
export function joinsRun(last: MarkerEntry, marker: Marker, time: number): boolean {
  return last.marker === marker && (Number.isNaN(time) || Number.isNaN(last.last) || time - last.last <= MERGE_WINDOW_MS);
}

/**
 * The lifecycle markers of a log, in order. A run of the same marker (five
 * failed health-check attempts) is one entry with a count and a last time.
 * Bounded: past `max`, the first half and the most recent half are kept.
 */
export class MarkerLog {
  dropped = 0;
  /** The first marker added (a byte-range merge checks whether it joins the run before the range). */
  first: { marker: Marker; time: number } | null = null;
  /** What redacting the first entry's message masked, and whether it changed the private key state (set by the caller). */
  firstMasked: Record<string, number> | null = null;
  firstStateful = false;
  private readonly headEntries: MarkerEntry[] = [];
  private readonly tailEntries: MarkerEntry[] = [];
  private lastEntry: MarkerEntry | null = null;
  private seq = 0;

  constructor(private readonly max: number) {}

  add(marker: Marker, level: number, message: () => string, time: number): void {
    this.first ??= { marker, time };
    const last = this.lastEntry;
    if (last && joinsRun(last, marker, time)) {
      last.count++;
      if (!Number.isNaN(time)) last.last = time;
      return;
    }
    this.keep({ marker, level, message: message(), time, last: time, count: 1, seq: 0 });
  }

  /**
   * Adds the entries another log kept (a later byte range, whose first entry does not join this
   * log's last run) and what it dropped from its middle: the same head and tail as adding them one by one.
   */
  absorb(entries: readonly MarkerEntry[], dropped: number, joinFirst = false): void {
    const half = Math.floor(this.max / 2);
    entries.forEach((entry, i) => {
      const last = this.lastEntry;
      if (i === 0 && joinFirst && last) {
        // Its first entry continues this log's last run (its first time is known: see rangeMerge.ts).
        last.count += entry.count;
        last.last = entry.last;
        return;
      }
      // Its dropped entries come after its first `half` and before its last `max - half`.
      if (i === half && dropped > 0) {
        this.seq += dropped;
        this.dropped += dropped;
      }
      this.keep({ ...entry });
    });
  }

  private keep(entry: MarkerEntry): void {
    entry.seq = this.seq++;
    this.lastEntry = entry;
    const half = Math.floor(this.max / 2);
    if (this.headEntries.length < half) this.headEntries.push(entry);
    else {
      this.tailEntries.push(entry);
      if (this.tailEntries.length > this.max - half) {
        this.tailEntries.shift();
        this.dropped++;
      }
    }
  }

  /** The last marker added, if any. */
  get last(): MarkerEntry | null {
    return this.lastEntry;
  }

  entries(): MarkerEntry[] {
    return [...this.headEntries, ...this.tailEntries];
  }
}
