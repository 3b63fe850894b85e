import type { DigestLimits, Found } from './digest.js';
import { ErrorGroups, topGroups } from './errorGroups.js';
import { FAMILY_COUNT } from './lineKinds.js';
import type { SplitStats } from './lineSplitter.js';
import type { BoundaryState } from './logReader.js';
import { joinsRun, MarkerLog } from './markerLog.js';
import type { RangeDigest } from './rangeDigest.js';
import { MEMO_LIMIT, type MemoEntry } from './trackedRedactor.js';
import type { FormatName, RedactionCounts } from './types.js';

/** JSON entries parsed exactly at the start of a log (LogReader's JSON_SAMPLE). */
const JSON_SAMPLE = 50;
/** A kept message is cut here (LogReader's MAX_MESSAGE). */
const MAX_MESSAGE = 1000;

export type MergeResult =
  | { ok: true; found: Found; stats: SplitStats; redactions: RedactionCounts }
  /** Range `at` cannot be joined to the ones before: read it together with the range before it. */
  | { ok: false; at: number; reason: string };

/**
 * Joins the digests of consecutive byte ranges into what one pass over the whole log finds.
 *
 * Each range was read from a lead-in before its start, and started at a line that follows a quiet
 * state (no event, excerpt, migration or private key block open). A range joins the one before it
 * only when everything the one pass would carry over its start is known to be the same:
 * - the reading state at the start (`BoundaryState`) equals the state the range before ended in;
 * - the JSON sample: a range takes it as done, which holds if the ranges before parsed 50 JSON entries;
 * - the redaction memo: a message the range redacted afresh but the one pass found remembered must
 *   redact alike (the memo keeps the first message of a key; a group's example message comes from it);
 * - its first lifecycle marker does not join the run the ranges before ended with;
 * - a group it created that already exists had an excerpt that changed nothing else (masked
 *   counts are taken back; one that cut another excerpt short, or touched the private key state, does not join).
 * When one of these fails the merge says at which range, and the caller reads that range with the
 * one before as one range. Merging is then exact, not approximate: tests compare with one pass.
 */
export function mergeRanges(ranges: readonly RangeDigest[], limits: DigestLimits): MergeResult {
  const groups = new ErrorGroups({ maxGroups: limits.maxGroups });
  const markers = new MarkerLog(limits.maxMarkers);
  const memo = new Map<string, MemoEntry>();
  const levelCounts = [0, 0, 0, 0, 0, 0];
  const familyCounts = new Array<number>(FAMILY_COUNT).fill(0);
  const flavorCounts = new Map<FormatName, number>();
  const stats: SplitStats = { bytes: 0, lines: 0, truncatedLines: 0, invalidUtf8Lines: 0, nulLines: 0, crlfLines: 0, magic: -1 };
  const redactions: RedactionCounts = {};
  let minTime = Number.NaN;
  let maxTime = Number.NaN;
  let timedEntries = 0;
  let formatMismatches = 0;
  let badJson = 0;
  let jsonParsed = 0;
  let before: BoundaryState | null = null;

  for (let k = 0; k < ranges.length; k++) {
    const range = ranges[k] as RangeDigest;
    const fail = (reason: string): MergeResult => ({ ok: false, at: Math.max(k, 1), reason });
    if (k > 0) {
      if (!range.startState || !before || !sameState(before, range.startState)) return fail('reading state');
      if (range.jsonRelied && jsonParsed < JSON_SAMPLE) return fail('JSON sample');
      if (range.groupOverflow > 0) return fail('group cap');
    }
    // A first marker that joins the run before: exact when its first time is known (the run then
    // goes on as the range's did), and its message, redacted for nothing, changed no state.
    const last = markers.last;
    const first = range.firstMarker;
    const joinFirst = k > 0 && first !== null && last !== null && joinsRun(last, first.marker, first.time);
    if (joinFirst) {
      if (Number.isNaN(first.time) || range.firstMarkerStateful) return fail('marker run');
      if (range.firstMarkerMasked) addCounts(redactions, range.firstMarkerMasked, -1);
    }
    // The memo as the one pass has it: keys remembered before this range keep their first message.
    const rememberedKeys = new Set<string>();
    for (const { key, entry } of range.memoMisses) {
      const known = memo.get(key);
      if (known) {
        if (known.template !== entry.template || !sameCounts(known.masked, entry.masked)) return fail('memo');
        rememberedKeys.add(key);
      } else {
        // Past its size the memo starts over, which a merge does not follow (nothing to follow in a single range).
        if (memo.size >= MEMO_LIMIT - 1) {
          if (ranges.length > 1) return fail('memo size');
          continue;
        }
        memo.set(key, entry);
      }
    }
    addCounts(redactions, range.redactions, 1);
    // Groups the ranges before made already (or past the cap): the one pass took no excerpt for them.
    const old = new Set<number>();
    for (const group of range.groups) {
      if (k > 0 && (groups.find(group.level, group.template) !== undefined || groups.full)) {
        old.add(group.seq);
        if (group.excerptStateful) return fail('excerpt changed the key state');
        // An excerpt cut short by a group the one pass did not make would have read on.
        if (group.cutsExcerptOf >= 0 && !old.has(group.cutsExcerptOf)) return fail('excerpt cut short');
        if (group.excerptMasked) addCounts(redactions, group.excerptMasked, -1);
      }
      const memoKey = group.memoKey;
      const remembered = memoKey !== null && rememberedKeys.has(memoKey) ? memo.get(memoKey) : undefined;
      groups.absorb(remembered ? { ...group, message: cutMessage(remembered.message) } : group);
    }
    groups.overflowOccurrences += range.groupOverflow;
    markers.absorb(range.markers, range.markersDropped, joinFirst);

    range.levelCounts.forEach((n, i) => {
      levelCounts[i] = (levelCounts[i] ?? 0) + n;
    });
    range.familyCounts.forEach((n, i) => {
      familyCounts[i] = (familyCounts[i] ?? 0) + n;
    });
    for (const [name, n] of range.flavorCounts) flavorCounts.set(name, (flavorCounts.get(name) ?? 0) + n);
    if (!(range.minTime >= minTime)) minTime = Number.isNaN(range.minTime) ? minTime : range.minTime;
    if (!(range.maxTime <= maxTime)) maxTime = Number.isNaN(range.maxTime) ? maxTime : range.maxTime;
    timedEntries += range.timedEntries;
    formatMismatches += range.formatMismatches;
    badJson += range.badJson;
    jsonParsed += range.jsonParsed;
    stats.bytes += range.stats.bytes;
    stats.lines += range.stats.lines;
    stats.truncatedLines += range.stats.truncatedLines;
    stats.invalidUtf8Lines += range.stats.invalidUtf8Lines;
    stats.nulLines += range.stats.nulLines;
    stats.crlfLines += range.stats.crlfLines;
    if (k === 0) stats.magic = range.stats.magic;
    before = range.endState;
  }

  const found: Found = {
    levelCounts,
    familyCounts,
    flavorCounts,
    minTime,
    maxTime,
    timedEntries,
    formatMismatches,
    badJson,
    groups: topGroups(groups.all(), limits.keepGroups),
    groupOverflow: groups.overflowOccurrences,
    markers: markers.entries(),
    markersDropped: markers.dropped,
  };
  return { ok: true, found, stats, redactions };
}

function sameState(a: BoundaryState, b: BoundaryState): boolean {
  return (
    a.quiet &&
    b.quiet &&
    a.open === b.open &&
    a.openHasTime === b.openHasTime &&
    a.openFamily === b.openFamily &&
    a.sawTime === b.sawTime &&
    Object.is(a.lastTime, b.lastTime) &&
    Object.is(a.pendingTime, b.pendingTime)
  );
}

function sameCounts(a: RedactionCounts | null, b: RedactionCounts | null): boolean {
  const x = Object.entries(a ?? {});
  const y = b ?? {};
  return x.length === Object.keys(y).length && x.every(([kind, n]) => y[kind] === n);
}

function addCounts(into: RedactionCounts, counts: RedactionCounts, sign: 1 | -1): void {
  for (const [kind, n] of Object.entries(counts)) {
    const total = (into[kind] ?? 0) + sign * n;
    if (total === 0) delete into[kind];
    else into[kind] = total;
  }
}

function cutMessage(message: string): string {
  return message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE)}…` : message;
}
