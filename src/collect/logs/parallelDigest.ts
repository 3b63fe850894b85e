import { buildCollection, type DigestSettings } from './digest.js';
import { type ByteSource, digestRange, findRangeStart, type RangeDigest, type RangePlan } from './rangeDigest.js';
import { mergeRanges } from './rangeMerge.js';
import type { LogCollection } from './types.js';

/** Reads the planned ranges (on worker threads, or one after another in tests), in plan order. */
export type RangeRunner = (plans: RangePlan[]) => Promise<RangeDigest[]>;

export interface RangeSizes {
  /** Bytes per range (the last one takes the rest). */
  rangeBytes: number;
  /** Bytes read before a range's start to get into the state the lines above leave. */
  leadBytes: number;
}

/**
 * The lead-in before each range start: enough lines that the reading state is the one pass's
 * (on the bench log, 8 ranges joined without a re-read with 16 KiB already). Finding a start
 * reads it on the main thread before the workers start, so it is kept short.
 */
export const LEAD_BYTES = 64 * 1024;

/**
 * Digests a log held in a file (random access) as byte ranges read apart, then merged: the result
 * is exactly what one pass gives (see `mergeRanges`). A range that cannot be joined to the one
 * before is read again together with it, here, on this thread; `rejoined` says why, for each.
 * `ranges` is how many ranges were planned.
 */
export async function digestInRanges(
  source: ByteSource,
  size: number,
  settings: DigestSettings,
  sizes: RangeSizes,
  run: RangeRunner,
): Promise<{ collection: LogCollection; ranges: number; rejoined: string[] }> {
  const plans = planRanges(source, size, settings, sizes);
  const planned = plans.length;
  const results = await run(plans);
  const reasons: string[] = [];
  for (;;) {
    const merged = mergeRanges(results, settings.limits);
    if (merged.ok) {
      return { collection: buildCollection(settings, merged.found, merged.stats, merged.redactions), ranges: planned, rejoined: reasons };
    }
    const k = merged.at;
    reasons.push(merged.reason);
    const before = plans[k - 1] as RangePlan;
    const joined: RangePlan = { lead: before.lead, start: before.start, stop: (plans[k] as RangePlan).stop };
    plans.splice(k - 1, 2, joined);
    results.splice(k - 1, 2, digestRange(source, joined, settings));
  }
}

/** Ranges of about `rangeBytes`, each starting at a line that may start one (see `findRangeStart`). */
export function planRanges(source: ByteSource, size: number, settings: DigestSettings, sizes: RangeSizes): RangePlan[] {
  const plans: RangePlan[] = [{ lead: 0, start: 0, stop: null }];
  const step = Math.max(sizes.rangeBytes, 1);
  for (let nominal = step; nominal < size; nominal += step) {
    const last = plans[plans.length - 1] as RangePlan;
    if (nominal <= last.start) continue;
    const next = findRangeStart(source, nominal, sizes.leadBytes, settings);
    if (!next || next.start <= last.start || next.start >= size) continue;
    last.stop = next.start;
    plans.push(next);
  }
  return plans;
}
