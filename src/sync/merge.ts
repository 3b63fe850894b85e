import type { Incident } from '../record/schema.js';

/**
 * Three-way merge of incident records, field by field (one level into `times`
 * and `evidence`, whole lists otherwise): a field changed on one side takes
 * that side; changed on both sides to different values is a conflict.
 */

export interface MergeResult {
  merged: Incident;
  /** Field paths changed differently on both sides, e.g. `summary`, `evidence.checks`. */
  conflicts: string[];
  /** Fields that came from the incoming side. */
  fromIncoming: string[];
  /** Fields kept from the local side that differ from incoming. */
  keptLocal: string[];
}

const NESTED = new Set(['times', 'evidence']);
const IGNORED = new Set(['updated_at']);

/** Merges `incoming` into `local`, given their common ancestor `base` (null: no ancestor, every difference conflicts). */
export function mergeIncidents(base: Incident | null, local: Incident, incoming: Incident): MergeResult {
  const merged = structuredClone(local) as unknown as Record<string, unknown>;
  const conflicts: string[] = [];
  const fromIncoming: string[] = [];
  const keptLocal: string[] = [];
  const visit = (pathParts: string[], b: unknown, l: unknown, t: unknown, target: Record<string, unknown>, key: string) => {
    const name = pathParts.join('.');
    const ls = stable(l);
    const ts = stable(t);
    if (ls === ts) return;
    const bs = base ? stable(b) : undefined;
    if (bs === ls) {
      target[key] = structuredClone(t);
      fromIncoming.push(name);
    } else if (bs === ts) {
      keptLocal.push(name);
    } else {
      conflicts.push(name);
    }
  };
  const l = local as unknown as Record<string, unknown>;
  const t = incoming as unknown as Record<string, unknown>;
  const b = (base ?? {}) as unknown as Record<string, unknown>;
  for (const key of Object.keys(t)) {
    if (IGNORED.has(key)) continue;
    if (NESTED.has(key)) {
      const inner = merged[key] as Record<string, unknown>;
      const li = (l[key] ?? {}) as Record<string, unknown>;
      const ti = (t[key] ?? {}) as Record<string, unknown>;
      const bi = (b[key] ?? {}) as Record<string, unknown>;
      for (const innerKey of Object.keys(ti)) visit([key, innerKey], bi[innerKey], li[innerKey], ti[innerKey], inner, innerKey);
    } else {
      visit([key], b[key], l[key], t[key], merged, key);
    }
  }
  const newest = [local.updated_at, incoming.updated_at].filter((v): v is string => v !== null).sort((x, y) => Date.parse(y) - Date.parse(x))[0];
  merged.updated_at = newest ?? null;
  return { merged: merged as unknown as Incident, conflicts, fromIncoming, keptLocal };
}

/** True when two records hold the same content (ignoring when they were last touched). */
export function sameContent(a: Incident, b: Incident): boolean {
  return stable({ ...a, updated_at: null }) === stable({ ...b, updated_at: null });
}

function stable(value: unknown): string {
  return JSON.stringify(value) ?? 'undefined';
}
