/**
 * Repairs text that was UTF-8 but got decoded as Mac Roman or Windows-1252 /
 * Latin-1 ("mojibake"): `‚úÖ` back to `✅`, `Ã©` back to `é`.
 */

/** Mac Roman bytes 0x80..0xFF, in order. */
const MAC_ROMAN_HIGH =
  '\u00c4\u00c5\u00c7\u00c9\u00d1\u00d6\u00dc\u00e1\u00e0\u00e2\u00e4\u00e3\u00e5\u00e7\u00e9\u00e8\u00ea\u00eb\u00ed\u00ec\u00ee\u00ef\u00f1\u00f3\u00f2\u00f4\u00f6\u00f5\u00fa\u00f9\u00fb\u00fc' +
  '\u2020\u00b0\u00a2\u00a3\u00a7\u2022\u00b6\u00df\u00ae\u00a9\u2122\u00b4\u00a8\u2260\u00c6\u00d8\u221e\u00b1\u2264\u2265\u00a5\u00b5\u2202\u2211\u220f\u03c0\u222b\u00aa\u00ba\u03a9\u00e6\u00f8' +
  '\u00bf\u00a1\u00ac\u221a\u0192\u2248\u2206\u00ab\u00bb\u2026\u00a0\u00c0\u00c3\u00d5\u0152\u0153\u2013\u2014\u201c\u201d\u2018\u2019\u00f7\u25ca\u00ff\u0178\u2044\u20ac\u2039\u203a\ufb01\ufb02' +
  '\u2021\u00b7\u201a\u201e\u2030\u00c2\u00ca\u00c1\u00cb\u00c8\u00cd\u00ce\u00cf\u00cc\u00d3\u00d4\uf8ff\u00d2\u00da\u00db\u00d9\u0131\u02c6\u02dc\u00af\u02d8\u02d9\u02da\u00b8\u02dd\u02db\u02c7';

/** Windows-1252 bytes 0x80..0x9F; the five undefined bytes decode to their C1 control (as Latin-1 does). */
const WINDOWS_1252_C1 =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

type ReverseMap = ReadonlyMap<string, number>;

function buildMacRoman(): ReverseMap {
  const map = new Map<string, number>();
  [...MAC_ROMAN_HIGH].forEach((char, index) => {
    map.set(char, 0x80 + index);
  });
  return map;
}

function buildWindows(): ReverseMap {
  const map = new Map<string, number>();
  [...WINDOWS_1252_C1].forEach((char, index) => {
    map.set(char, 0x80 + index);
  });
  // Latin-1: C1 controls and 0xA0..0xFF are their own code points.
  for (let byte = 0x80; byte <= 0xff; byte++) {
    const char = String.fromCharCode(byte);
    if (byte >= 0xa0 || !map.has(char)) map.set(char, byte);
  }
  return map;
}

const ENCODINGS: readonly ReverseMap[] = [buildMacRoman(), buildWindows()];
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** Tries to read one mis-decoded UTF-8 sequence starting at `chars[start]`. */
function repairAt(chars: readonly string[], start: number, map: ReverseMap): { text: string; length: number } | null {
  const first = chars[start];
  const lead = first === undefined ? undefined : map.get(first);
  if (lead === undefined) return null;
  const length = sequenceLength(lead);
  if (length === 0) return null;
  const bytes = [lead];
  for (let offset = 1; offset < length; offset++) {
    const char = chars[start + offset];
    const byte = char === undefined ? undefined : map.get(char);
    if (byte === undefined || byte < 0x80 || byte > 0xbf) return null;
    bytes.push(byte);
  }
  let decoded: string;
  try {
    decoded = strictUtf8.decode(new Uint8Array(bytes));
  } catch {
    return null;
  }
  const codePoint = decoded.codePointAt(0) ?? 0;
  // Two-byte sequences are only trusted for Latin letters and symbols, so real
  // text such as `“É` (a quote before a capital) is left alone.
  if (length === 2 && (codePoint < 0xa0 || codePoint > 0x24f)) return null;
  return { text: decoded, length };
}

/**
 * Re-encodes UTF-8 that was decoded as Mac Roman or Windows-1252/Latin-1.
 * Only sequences that form valid UTF-8 multi-byte characters are replaced;
 * correct text (including real emoji and accented letters) is returned unchanged.
 */
export function repairMojibake(text: string): string {
  // Every character of a mis-decoded sequence is non-ASCII, so only runs of them can change.
  return text.replace(NON_ASCII_RUN, repairRun);
}

const NON_ASCII_RUN = /[\u0080-\u{10ffff}]+/gu;

function repairRun(run: string): string {
  const chars = [...run];
  let out = '';
  let index = 0;
  while (index < chars.length) {
    let repaired: { text: string; length: number } | null = null;
    for (const map of ENCODINGS) {
      repaired = repairAt(chars, index, map);
      if (repaired) break;
    }
    if (repaired) {
      out += repaired.text;
      index += repaired.length;
    } else {
      out += chars[index] ?? '';
      index += 1;
    }
  }
  return out;
}
