/** One error or warning group: every occurrence of one fingerprint at one level. */
export interface ErrorGroup {
  level: number;
  /** A readable example (the first occurrence), redacted. */
  message: string;
  fingerprint: string;
  /** The normalised message the group is keyed on (the fingerprint is cut from it). */
  template: string;
  count: number;
  /** Epoch ms of the first and last occurrence (NaN when the lines carry no time). */
  first: number;
  last: number;
  /** Order of first appearance, for lines without time. */
  seq: number;
  /** Lines around the first occurrence, redacted; filled in once the lines after it are read. */
  excerpt: string | null;
  // For merging byte ranges read apart (rangeMerge.ts): what the first occurrence's reading did beyond counting.
  /** The redaction memo key the message came from (null: redacted without the memo). */
  memoKey: string | null;
  /** What redacting the excerpt masked, by kind (null: nothing). */
  excerptMasked: Record<string, number> | null;
  /** Redacting the excerpt changed the private key state. */
  excerptStateful: boolean;
  /** The `seq` of the group whose excerpt (still waiting for lines) this group's cut short, or -1. */
  cutsExcerptOf: number;
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
    const created: ErrorGroup = {
      level,
      message,
      fingerprint,
      template,
      count: 1,
      first: time,
      last: time,
      seq: this.seq++,
      excerpt: null,
      memoKey: null,
      excerptMasked: null,
      excerptStateful: false,
      cutsExcerptOf: -1,
    };
    groups.set(template, created);
    this.size++;
    return created;
  }

  /** The group of this level and template, if there is one. */
  find(level: number, template: string): ErrorGroup | undefined {
    return this.byLevel.get(level)?.get(template);
  }

  /** Whether a new group would be left out (the cap is reached). */
  get full(): boolean {
    return this.size >= this.limits.maxGroups;
  }

  /**
   * Adds a group read elsewhere (a later byte range): joined to the group of the same level and
   * template, or kept as a new one, or counted as overflow when the cap is reached, as adding its
   * occurrences one by one would.
   */
  absorb(group: ErrorGroup): void {
    const known = this.find(group.level, group.template);
    if (known) {
      known.count += group.count;
      if (!Number.isNaN(group.first) && (Number.isNaN(known.first) || group.first < known.first)) known.first = group.first;
      if (!Number.isNaN(group.last) && (Number.isNaN(known.last) || group.last > known.last)) known.last = group.last;
      return;
    }
    if (this.full) {
      this.overflowOccurrences += group.count;
      return;
    }
    let groups = this.byLevel.get(group.level);
    if (!groups) {
      groups = new Map();
      this.byLevel.set(group.level, groups);
    }
    groups.set(group.template, { ...group, seq: this.seq++ });
    this.size++;
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
