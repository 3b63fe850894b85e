/**
 * Leftover placeholders in prose: `TODO`, `TBD`, `FIXME`, `XXX`/`YYY`/`ZZZ`
 * (upper case, as words), date and time masks (`YYYY-MM-DD`, `20xx-MM-DD`, `HH:mm`), `<fill in>`-style tags, `{{field}}` template slots, `[placeholder]`
 * brackets and "lorem ipsum". Pure; callers skip code, where such text is
 * usually real.
 */
const WORDS = /\b(?:TODO|TBD|FIXME|X{3,}|Y{3,}|Z{3,})\b|\b(?:YYYY|[12]\dxx)-MM-DD\b|\bHH:mm\b/g;
const SHAPES =
  /<\s*(?:fill[ -]?in|insert|enter|add|your)\b[^<>]*>|\{\{[^{}\n]*\}\}|\[\s*(?:placeholder|fill[ -]?in[^\]\n]*|insert [^\]\n]*|enter [^\]\n]*|add [^\]\n]*|tbd|todo|to be (?:determined|decided|confirmed|added|filled in))\s*\]|\blorem ipsum\b/gi;

/** Placeholders in `text`, in order of appearance, each as written. */
export function findPlaceholders(text: string): string[] {
  if (!/TODO|TBD|FIXME|XXX|YYY|ZZZ|MM-DD|HH:mm|[<{[]|lorem/i.test(text)) return [];
  const found: Array<{ index: number; token: string }> = [];
  for (const pattern of [WORDS, SHAPES]) {
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) found.push({ index: match.index, token: match[0] });
  }
  return found.sort((a, b) => a.index - b.index).map((f) => f.token);
}

/** Whether a value (an owner, a due date) is only a placeholder such as "TBD", "?", "-" or "unassigned". */
export function isPlaceholderValue(value: string | null | undefined): boolean {
  if (value === null || value === undefined) return true;
  const text = value.trim();
  if (text === '') return true;
  if (/^(?:[?\-—–_.]+|n\/?a|none|nobody|unassigned|unknown|tbd|tba|todo|fixme|pending|-+)$/i.test(text)) return true;
  return findPlaceholders(text).join('').length >= text.replace(/[\s()]/g, '').length;
}
