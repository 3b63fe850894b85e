import { createRedactor } from '../../redact/redact.js';
import { createReader, type DigestSettings } from './digest.js';
import type { ErrorGroup } from './errorGroups.js';
import { createLineSplitter, type LineSink, type SplitStats } from './lineSplitter.js';
import type { BoundaryState, LogReader } from './logReader.js';
import type { MarkerEntry } from './markerLog.js';
import type { Marker } from './markers.js';
import type { MemoMiss } from './trackedRedactor.js';
import type { FormatName, RedactionCounts } from './types.js';

/** Reads bytes at a position (a file descriptor, or a buffer in tests); returns how many were read. */
export interface ByteSource {
  read(buffer: Buffer, length: number, position: number): number;
}

/** Bytes read at a time: a multiple of the slice size. */
const READ_BYTES = 256 * 1024;
/** How far past its nominal place a range start is looked for before the boundary is given up. */
const MAX_BOUNDARY_SEARCH = 4 * 1024 * 1024;

/**
 * One byte range of a log: lines from `start` (a line start) to `stop` (the next range's start, or
 * null for the end of the input). The reader starts at `lead` (a slice start at or before `start`)
 * and reads the lines before `start` only to get into the state they leave (see rangeMerge.ts).
 */
export interface RangePlan {
  lead: number;
  start: number;
  stop: number | null;
}

/** What one byte range held: plain data (it comes back from a worker thread), merged by `mergeRanges`. */
export interface RangeDigest {
  start: number;
  /** The reader's state at `start`, after the lead-in (null for the range that starts the log). */
  startState: BoundaryState | null;
  /** Its state at `stop` (null at the end of the input). */
  endState: BoundaryState | null;
  levelCounts: number[];
  familyCounts: number[];
  flavorCounts: [FormatName, number][];
  minTime: number;
  maxTime: number;
  timedEntries: number;
  formatMismatches: number;
  badJson: number;
  /** Every group, in order of first appearance in the range. */
  groups: ErrorGroup[];
  groupOverflow: number;
  markers: MarkerEntry[];
  markersDropped: number;
  /** The range's first lifecycle marker (it might have joined the run before it), and what redacting its message did. */
  firstMarker: { marker: Marker; time: number } | null;
  firstMarkerMasked: RedactionCounts | null;
  firstMarkerStateful: boolean;
  /** Slow-path JSON entries, and whether a JSON entry took the fast path only because the sample was taken as done. */
  jsonParsed: number;
  jsonRelied: boolean;
  memoMisses: MemoMiss[];
  redactions: RedactionCounts;
  stats: SplitStats;
}

/** Thrown when a range's input ends before its stop (the file shrank while it was read). */
export class RangeCutShort extends Error {}

/**
 * Reads one byte range of a log. The reader reads lines from `plan.lead` on, starts counting at
 * `plan.start` and stops before `plan.stop`; slices fall at the same file offsets as in one pass
 * over the whole file, so every line is read exactly as that pass would read it.
 */
export function digestRange(source: ByteSource, plan: RangePlan, settings: DigestSettings, onRead?: (position: number) => void): RangeDigest {
  const { reader, parser, redactor } = createReader(settings, createRedactor());
  const first = plan.start === 0;
  if (!first) reader.assumeJsonSampled();
  let startState: BoundaryState | null = null;
  let endState: BoundaryState | null = null;
  let started = false;
  let stopped = false;
  let redactionsAtStart: RedactionCounts = {};
  let statsAtStart: SplitStats | null = null;
  let statsAtStop: SplitStats | null = null;
  const stop = plan.stop ?? Number.POSITIVE_INFINITY;
  let splitterStats: SplitStats | null = null;

  const sink: LineSink = {
    line(text, bytes, s, e, at) {
      if (at >= stop) {
        if (!stopped) {
          stopped = true;
          endState = reader.boundaryState();
          statsAtStop = { ...(splitterStats as SplitStats) };
        }
        return;
      }
      if (!started && at >= plan.start) {
        started = true;
        if (!first) {
          startState = reader.boundaryState();
          reader.startRange();
        }
        redactor.startRecording();
        redactionsAtStart = redactor.counts();
        statsAtStart = { ...(splitterStats as SplitStats) };
      }
      reader.line(text, bytes, s, e, at);
    },
  };

  const { splitter, end } = readLines(
    source,
    plan.lead,
    settings,
    sink,
    reader,
    () => stopped,
    (stats) => {
      splitterStats = stats;
    },
    onRead,
  );
  if (plan.stop === null) {
    splitter.end();
    reader.finish();
  } else if (!stopped) throw new RangeCutShort(`The log ended before byte ${plan.stop}.`);
  const endStats = statsAtStop ?? splitter.stats;
  const atStart = statsAtStart ?? splitter.stats;
  const stats: SplitStats = {
    bytes: (plan.stop ?? end) - plan.start,
    lines: endStats.lines - atStart.lines,
    truncatedLines: endStats.truncatedLines - atStart.truncatedLines,
    invalidUtf8Lines: endStats.invalidUtf8Lines - atStart.invalidUtf8Lines,
    nulLines: endStats.nulLines - atStart.nulLines,
    crlfLines: endStats.crlfLines - atStart.crlfLines,
    magic: first ? endStats.magic : -1,
  };
  return {
    start: plan.start,
    startState,
    endState,
    levelCounts: reader.levelCounts,
    familyCounts: reader.familyCounts,
    flavorCounts: [...reader.flavorCounts],
    minTime: reader.minTime,
    maxTime: reader.maxTime,
    timedEntries: reader.timedEntries,
    formatMismatches: reader.formatMismatches,
    badJson: parser.badJson,
    groups: reader.groups.all(),
    groupOverflow: reader.groups.overflowOccurrences,
    markers: reader.markers.entries(),
    markersDropped: reader.markers.dropped,
    firstMarker: reader.markers.first,
    firstMarkerMasked: reader.markers.firstMasked,
    firstMarkerStateful: reader.markers.firstStateful,
    jsonParsed: reader.jsonParsed,
    jsonRelied: reader.jsonRelied,
    memoMisses: redactor.misses ?? [],
    redactions: subtractCounts(redactor.counts(), redactionsAtStart),
    stats,
  };
}

/**
 * Where a range that should start near `nominal` can start: the first line at or after it that
 * follows a quiet state (nothing open that earlier lines began), reading from a lead-in
 * `leadBytes` before it. Null when there is none close enough (a very long event).
 */
export function findRangeStart(source: ByteSource, nominal: number, leadBytes: number, settings: DigestSettings): RangePlan | null {
  const slice = settings.sliceBytes;
  const lead = Math.max(0, Math.floor((nominal - leadBytes) / slice) * slice);
  const { reader } = createReader(settings, createRedactor());
  reader.assumeJsonSampled();
  let lines = 0;
  let found = -1;
  let done = false;
  const sink: LineSink = {
    line(text, bytes, s, e, at) {
      if (done) return;
      if (at >= nominal) {
        if (lines >= 2 && reader.quiet()) {
          found = at;
          done = true;
          return;
        }
        if (at > nominal + MAX_BOUNDARY_SEARCH) {
          done = true;
          return;
        }
      }
      lines++;
      reader.line(text, bytes, s, e, at);
    },
  };
  readLines(
    source,
    lead,
    settings,
    sink,
    reader,
    () => done,
    () => {},
  );
  return found < 0 ? null : { lead, start: found, stop: null };
}

/**
 * Feeds the lines from the first line start at or after `lead` to `sink`, in slices that fall
 * where one pass from the file's start puts them, until `done()` or the end of the input.
 */
function readLines(
  source: ByteSource,
  lead: number,
  settings: DigestSettings,
  sink: LineSink,
  reader: LogReader,
  done: () => boolean,
  onSplitter: (stats: SplitStats) => void,
  onRead?: (position: number) => void,
): { splitter: ReturnType<typeof createLineSplitter>; end: number } {
  const slice = settings.sliceBytes;
  const chunkBytes = Math.max(slice, Math.floor(READ_BYTES / slice) * slice);
  const buffer = Buffer.allocUnsafeSlow(chunkBytes);
  let position = lead;
  // The line the lead falls into started before it: skipped up to its end.
  let skipping = lead > 0 && !endsLine(source, lead - 1);
  let splitter = skipping ? null : createLineSplitter(sink, { maxLineBytes: settings.limits.maxLineBytes, offset: lead });
  if (splitter) onSplitter(splitter.stats);
  for (;;) {
    const n = source.read(buffer, chunkBytes, position);
    if (n === 0) break;
    for (let at = 0; at < n && !done(); at += slice) {
      let piece = buffer.subarray(at, Math.min(at + slice, n));
      if (skipping) {
        const nl = piece.indexOf(10);
        if (nl < 0) continue;
        skipping = false;
        splitter = createLineSplitter(sink, { maxLineBytes: settings.limits.maxLineBytes, offset: position + at + nl + 1 });
        onSplitter(splitter.stats);
        piece = piece.subarray(nl + 1);
      }
      splitter?.push(piece);
      if (!done()) reader.chunkDone();
    }
    position += n;
    onRead?.(position);
    if (done()) break;
  }
  return { splitter: splitter ?? createLineSplitter(sink, { offset: position }), end: position };
}

function endsLine(source: ByteSource, position: number): boolean {
  const byte = Buffer.alloc(1);
  return source.read(byte, 1, position) === 1 && byte[0] === 10;
}

function subtractCounts(total: RedactionCounts, before: RedactionCounts): RedactionCounts {
  const out: RedactionCounts = {};
  for (const [kind, n] of Object.entries(total)) {
    const delta = n - (before[kind] ?? 0);
    if (delta > 0) out[kind] = delta;
  }
  return out;
}
