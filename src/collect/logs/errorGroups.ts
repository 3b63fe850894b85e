/** One error or warning group: every occurrence of one fingerprint at one level. */
export interface ErrorGroup {
  level: number;
  /** A readable example (the first occurrence), redacted. */
  message: string;
  fingerprint: string;
  count: number;
  /** Epoch ms of the first and last occurrence (NaN when the lines carry no time). */
  first: number;
  last: number;
  /** Order of first appearance, for lines without time. */
  seq: number;
  /** Lines around the first occurrence, redacted; filled in once the lines after it are read. */
  excerpt: string | null;
}

export interface GroupLimits {
  /** Distinct groups tracked; later new fingerprints are counted, not kept. */
  maxGroups: number;
}

/** Error and warning groups by fingerprint, bounded in memory whatever the log's size. */
export class ErrorGroups {
  /** Occurrences of fingerprints first seen after the group cap was reached. */
  overflowOccurrences = 0;
  /** By level, then by template (no key string is built per occurrence). */
  private readonly byLevel = new Map<number, Map<string, ErrorGroup>>();
  private size = 0;
  private seq = 0;

  constructor(private readonly limits: GroupLimits) {}

  /** Counts one occurrence; returns the group when this is its first occurrence (so the caller can attach an excerpt). */
  add(level: number, template: string, fingerprint: string, message: string, time: number): ErrorGroup | null {
    let groups = this.byLevel.get(level);
    if (!groups) {
      groups = new Map();
      this.byLevel.set(level, groups);
    }
    const group = groups.get(template);
    if (group) {
      group.count++;
      if (!Number.isNaN(time)) {
        if (Number.isNaN(group.first) || time < group.first) group.first = time;
        if (Number.isNaN(group.last) || time > group.last) group.last = time;
      }
      return null;
    }
    if (this.size >= this.limits.maxGroups) {
      this.overflowOccurrences++;
      return null;
    }
    const created: ErrorGroup = { level, message, fingerprint, count: 1, first: time, last: time, seq: this.seq++, excerpt: null };
    groups.set(template, created);
    this.size++;
    return created;
  }

  /** Every group, in order of first appearance. */
  all(): ErrorGroup[] {
    return [...this.byLevel.values()].flatMap((groups) => [...groups.values()]).sort((a, b) => a.seq - b.seq);
  }
}

/** The most frequent groups (at most `keep`), in order of first appearance; and what was left out. */
export function topGroups(groups: ErrorGroup[], keep: number): { kept: ErrorGroup[]; droppedGroups: number; droppedOccurrences: number } {
  const byCount = [...groups].sort((a, b) => b.count - a.count || b.level - a.level || a.seq - b.seq);
  const kept = byCount.slice(0, keep);
  const dropped = byCount.slice(keep);
  kept.sort((a, b) => order(a) - order(b) || a.seq - b.seq);
  return { kept, droppedGroups: dropped.length, droppedOccurrences: dropped.reduce((sum, g) => sum + g.count, 0) };
}

function order(group: ErrorGroup): number {
  return Number.isNaN(group.first) ? Number.POSITIVE_INFINITY : group.first;
}
