import { isUtf8 } from 'node:buffer';

/** Receives each line, without its end of line (LF or CRLF). */
export interface LineSink {
  /**
   * `text` is the Latin-1 view of `bytes` (one char per byte, so string
   * positions are byte offsets); the line is [start, end) in both, and
   * `text[end]` always exists (the line's LF or CR, or a LF added after a
   * line that had none), so a reader may look one past the end. Decode with
   * `bytes.toString('utf8', start, end)` only if it is needed. `at` is
   * where the line starts in the input (bytes pushed before it, plus the
   * splitter's `offset`).
   */
  line(text: string, bytes: Buffer, start: number, end: number, at: number): void;
}

export interface SplitStats {
  bytes: number;
  lines: number;
  /** Lines longer than the cap: the start was kept, the rest skipped. */
  truncatedLines: number;
  /** Lines that were not valid UTF-8 (decoded with replacement characters). */
  invalidUtf8Lines: number;
  /** Lines holding NUL bytes (binary data): the NULs were dropped. */
  nulLines: number;
  crlfLines: number;
  /** The first bytes of the input (to recognise compressed data). */
  magic: number;
}

export interface LineSplitter {
  push(chunk: Buffer): void;
  end(): void;
  readonly stats: SplitStats;
}

/** The default cap on a kept line: longer lines keep their first 64 KiB. */
export const MAX_LINE_BYTES = 64 * 1024;

/**
 * Splits a byte stream into lines without decoding it: LF is found with
 * `indexOf` on the chunk's Latin-1 view, and a chunk is checked for invalid
 * UTF-8 and NUL bytes in one native call each, so clean input costs almost
 * nothing per line. A line split across chunks is joined; a line longer than
 * `maxLineBytes` keeps its start (cut at a character boundary) and the rest is
 * skipped as it arrives, so a 50 MB line never sits in memory.
 */
export function createLineSplitter(sink: LineSink, options: { maxLineBytes?: number; offset?: number } = {}): LineSplitter {
  const max = options.maxLineBytes ?? MAX_LINE_BYTES;
  // Reading from the middle of a file (a byte range): line offsets count from there, and no byte order mark is looked for.
  const offset = options.offset ?? 0;
  const stats: SplitStats = { bytes: 0, lines: 0, truncatedLines: 0, invalidUtf8Lines: 0, nulLines: 0, crlfLines: 0, magic: -1 };
  let pieces: Buffer[] = [];
  let pieceBytes = 0;
  let pieceStart = 0;
  let overflow = false;

  // A line is counted after the sink has read it, so the stats stand for the lines before while it reads.
  function emit(bytes: Buffer, text: string, start: number, end: number, checked: boolean, at: number): void {
    // A UTF-8 byte order mark would hide the first line's timestamp.
    const s = stats.lines === 0 && offset === 0 && text.startsWith('\u00ef\u00bb\u00bf', start) ? start + 3 : start;
    let e = end;
    const crlf = e > s && text.charCodeAt(e - 1) === 13;
    if (crlf) e--;
    if (!checked) {
      const line = bytes.subarray(s, e);
      if (line.indexOf(0) >= 0) {
        const clean = Buffer.from(line.filter((b) => b !== 0));
        sink.line(withNewline(clean), clean, 0, clean.length, at);
        count(crlf, true, !isUtf8(clean));
        return;
      }
      const invalid = !isUtf8(line);
      sink.line(text, bytes, s, e, at);
      count(crlf, false, invalid);
      return;
    }
    sink.line(text, bytes, s, e, at);
    stats.lines++;
    if (crlf) stats.crlfLines++;
  }

  function count(crlf: boolean, nul: boolean, invalid: boolean): void {
    stats.lines++;
    if (crlf) stats.crlfLines++;
    if (nul) stats.nulLines++;
    if (invalid) stats.invalidUtf8Lines++;
  }

  function emitCarry(): void {
    let line = pieces.length === 1 ? (pieces[0] as Buffer) : Buffer.concat(pieces, pieceBytes);
    if (overflow || line.length > max) {
      stats.truncatedLines++;
      line = cutAtCharBoundary(line, max);
    }
    pieces = [];
    pieceBytes = 0;
    overflow = false;
    emit(line, withNewline(line), 0, line.length, false, pieceStart);
  }

  function keep(piece: Buffer, at: number): void {
    if (overflow) return;
    if (pieces.length === 0) pieceStart = at;
    if (pieceBytes + piece.length > max) {
      // Keep a little more than the cap so the cut can find a character boundary.
      pieces.push(Buffer.from(piece.subarray(0, max + 4 - pieceBytes)));
      pieceBytes = max + 4;
      overflow = true;
      return;
    }
    // Copy: the chunk's memory may be reused by the stream.
    pieces.push(Buffer.from(piece));
    pieceBytes += piece.length;
  }

  return {
    stats,
    push(chunk: Buffer): void {
      if (chunk.length === 0) return;
      if (stats.bytes === 0 && chunk.length > 1) stats.magic = ((chunk[0] ?? 0) << 8) | (chunk[1] ?? 0);
      const base = offset + stats.bytes;
      stats.bytes += chunk.length;
      let pos = 0;
      if (pieces.length > 0 || overflow) {
        const nl = chunk.indexOf(10, pos);
        if (nl < 0) {
          keep(chunk.subarray(pos), base);
          return;
        }
        keep(chunk.subarray(pos, nl), base);
        emitCarry();
        pos = nl + 1;
      }
      const last = chunk.lastIndexOf(10);
      if (last >= pos) {
        const region = chunk.subarray(pos, last + 1);
        const text = region.toString('latin1');
        // One native check each for the whole region; per-line checks only when it fails.
        const clean = region.indexOf(0) < 0 && isUtf8(region);
        const regionAt = base + pos;
        let s = 0;
        const n = text.length;
        while (s < n) {
          const e = text.indexOf('\n', s);
          if (e - s > max) {
            stats.truncatedLines++;
            const cut = cutAtCharBoundary(region.subarray(s, e), max);
            emit(cut, withNewline(cut), 0, cut.length, false, regionAt + s);
          } else emit(region, text, s, e, clean, regionAt + s);
          s = e + 1;
        }
        pos = last + 1;
      }
      if (pos < chunk.length) keep(chunk.subarray(pos), base + pos);
    },
    end(): void {
      if (pieces.length > 0 || overflow) emitCarry();
    },
  };
}

/** The Latin-1 view of a line that is not inside a chunk, with the LF sentinel readers rely on. */
function withNewline(line: Buffer): string {
  return `${line.toString('latin1')}\n`;
}

/** The first `max` bytes of `line`, cut before a UTF-8 character that would not fit whole. */
function cutAtCharBoundary(line: Buffer, max: number): Buffer {
  if (line.length <= max) return line;
  let cut = max;
  while (cut > max - 4 && cut > 0 && ((line[cut] ?? 0) & 0xc0) === 0x80) cut--;
  return line.subarray(0, cut);
}
