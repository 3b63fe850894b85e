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

/**
 * The lifecycle markers of a log, in order. A run of the same marker (five
 * failed health-check attempts) is one entry with a count and a last time.
 * Bounded: past `max`, the first half and the most recent half are kept.
 */
export class MarkerLog {
  dropped = 0;
  private readonly headEntries: MarkerEntry[] = [];
  private readonly tailEntries: MarkerEntry[] = [];
  private lastEntry: MarkerEntry | null = null;
  private seq = 0;

  constructor(private readonly max: number) {}

  add(marker: Marker, level: number, message: () => string, time: number): void {
    const last = this.lastEntry;
    if (last && last.marker === marker && (Number.isNaN(time) || Number.isNaN(last.last) || time - last.last <= MERGE_WINDOW_MS)) {
      last.count++;
      if (!Number.isNaN(time)) last.last = time;
      return;
    }
    const entry: MarkerEntry = { marker, level, message: message(), time, last: time, count: 1, seq: this.seq++ };
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
