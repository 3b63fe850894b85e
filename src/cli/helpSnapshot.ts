import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * `postmortem --help` without loading commander or building the program.
 *
 * The build writes `dist/cli/help.txt` from the real program (`node
 * dist/cli/helpSnapshot.js`, after tsc): a one-line JSON header, then the help
 * as commander wraps it at every width from 40 up (about 80 distinct texts).
 * The shim prints from it only when argv is exactly `--help`, `-h` or nothing
 * and the header still describes the compiled `program.js` beside it (same
 * size and time, or else the same FNV-1a hash: a rebuild without a new
 * snapshot, or a program changed by hand, falls back to the live help).
 * Anything else, and terminals narrower than 40 columns, run the real program.
 *
 * Reading the snapshot loads only node:fs and node:url, reads the header (a
 * few KB) and the one text it points at, and writes those bytes to the
 * descriptor (process.stdout is created only for a terminal); the program is
 * imported only to write a snapshot.
 */

/** The header line of help.txt. */
export interface HelpSnapshotHeader {
  version: 4;
  /** What program.js was when the texts were made: its hash (programHash), size and modification time. */
  program: { hash: string; size: number; mtimeMs: number };
  /**
   * [from, to, start, end]: for help widths `from` to `to` (-1: any wider), the text is bytes
   * `start` to `end` of the body (after the header line).
   */
  variants: [number, number, number, number][];
}

const SNAPSHOT_URL = new URL('./help.txt', import.meta.url);
const PROGRAM_URL = new URL('./program.js', import.meta.url);
const DEFAULT_WIDTH = 80;
/** The narrowest width snapshotted; narrower terminals get the live help. */
const NARROWEST = 40;

/**
 * FNV-1a, 32 bits, as hex, over 32-bit words (platform byte order) and then
 * the last bytes: a change check for program.js, not a security measure. It
 * runs on every `--help` after a plain `tsc` (which rewrites program.js), in
 * code too cold to be optimised: words take a quarter of the steps of bytes.
 */
export function programHash(bytes: Uint8Array): string {
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  const words = new Int32Array(aligned.buffer, aligned.byteOffset, aligned.length >> 2);
  let h = 0x811c9dc5;
  for (let i = 0; i < words.length; i++) {
    h ^= words[i] as number;
    h = Math.imul(h, 0x01000193);
  }
  for (let i = words.length * 4; i < aligned.length; i++) {
    h ^= aligned[i] as number;
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** The width commander wraps help to on this stream: the terminal's columns, else 80. */
export function helpWidthOf(stream: { isTTY?: boolean; columns?: number }): number {
  return (stream.isTTY ? stream.columns : undefined) ?? DEFAULT_WIDTH;
}

/** The help for a width from a snapshot file's bytes, or null when only the live program can say. */
export function snapshotText(file: Buffer, width: number, programUrl: URL = PROGRAM_URL): Buffer | null {
  const newline = file.indexOf(10);
  const range = newline < 0 ? null : variantRange(file.subarray(0, newline), width, programUrl);
  return range && file.subarray(newline + 1 + range[0], newline + 1 + range[1]);
}

/** Where in the body (after the header line) the help for a width is, or null when the snapshot cannot answer. */
function variantRange(headerLine: Buffer, width: number, programUrl: URL): [number, number] | null {
  let header: HelpSnapshotHeader;
  try {
    header = JSON.parse(headerLine.toString('utf8')) as HelpSnapshotHeader;
  } catch {
    return null;
  }
  if (header.version !== 4 || !sameProgram(header.program, programUrl)) return null;
  for (const [from, to, start, end] of header.variants) {
    if (width >= from && (to === -1 || width <= to)) return [start, end];
  }
  return null;
}

/** Enough for the header line of every snapshot so far (about 2 KB): one read finds it. */
const HEADER_READ_BYTES = 16_384;

/** The help for a width, reading only the header and that text from the snapshot file (it holds about 80 texts). */
function readSnapshotText(snapshotUrl: URL, width: number): Buffer | null {
  let fd: number;
  try {
    fd = fs.openSync(snapshotUrl, 'r');
  } catch {
    return null;
  }
  try {
    const head = Buffer.allocUnsafe(HEADER_READ_BYTES);
    const read = fs.readSync(fd, head, 0, HEADER_READ_BYTES, 0);
    const newline = head.subarray(0, read).indexOf(10);
    if (newline < 0) return snapshotText(fs.readFileSync(snapshotUrl), width);
    const range = variantRange(head.subarray(0, newline), width, PROGRAM_URL);
    if (!range) return null;
    const text = Buffer.allocUnsafe(range[1] - range[0]);
    const got = fs.readSync(fd, text, 0, text.length, newline + 1 + range[0]);
    return got === text.length ? text : null;
  } catch {
    return null;
  } finally {
    fs.closeSync(fd);
  }
}

function sameProgram(made: HelpSnapshotHeader['program'], programUrl: URL): boolean {
  try {
    const stat = fs.statSync(programUrl);
    if (stat.size !== made.size) return false;
    return stat.mtimeMs === made.mtimeMs || programHash(fs.readFileSync(programUrl)) === made.hash;
  } catch {
    return false;
  }
}

/** Where help is written: stdout or stderr, or a stand-in in tests. */
export interface HelpStream {
  isTTY?: boolean;
  columns?: number;
  write(data: Uint8Array): unknown;
}

/**
 * Prints the help for `args` (argv after the script) from the snapshot, as
 * commander would: `--help`/`-h` to stdout, no arguments to stderr. Returns
 * false, having printed nothing, when the live program must answer.
 */
export function printSnapshotHelp(args: readonly string[], out?: HelpStream, err?: HelpStream, snapshotUrl: URL = SNAPSHOT_URL): boolean {
  const asked = args.length === 1 && (args[0] === '--help' || args[0] === '-h');
  if (!asked && args.length !== 0) return false;
  const stream = asked ? (out ?? standardStream(1)) : (err ?? standardStream(2));
  const text = readSnapshotText(snapshotUrl, helpWidthOf(stream));
  if (!text) return false;
  stream.write(text);
  return true;
}

/**
 * stdout or stderr. A terminal (a character device) gets process.stdout or
 * process.stderr, which know its width; a pipe or a file gets plain writes to
 * the descriptor, because creating process.stdout for a pipe loads the
 * network stack and costs more than printing the help.
 */
function standardStream(fd: 1 | 2): HelpStream {
  const processStream = () => (fd === 1 ? process.stdout : process.stderr);
  try {
    if (fs.fstatSync(fd).isCharacterDevice()) return processStream();
  } catch {
    return processStream();
  }
  return {
    isTTY: false,
    write(data: Uint8Array) {
      let written = 0;
      try {
        while (written < data.length) written += fs.writeSync(fd, data, written);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        // `postmortem --help | head` closes the pipe early: that is the reader's choice, not an error.
        if (code === 'EPIPE') return;
        // A non-blocking pipe that is full: the stream waits for it.
        if (code === 'EAGAIN') processStream().write(data.subarray(written));
        else throw error;
      }
    },
  };
}

/** `postmortem --help` from the live program, wrapped to `width`. */
export async function liveHelp(width: number): Promise<string> {
  const { buildProgram } = await import('./program.js');
  const { processContext } = await import('./context.js');
  const chunks: string[] = [];
  const keep = (chunk: string) => {
    chunks.push(chunk);
  };
  const ctx = { ...processContext(), stdout: keep, stderr: keep };
  const program = buildProgram(ctx);
  program.configureHelp({ ...program.configureHelp(), helpWidth: width });
  program.exitOverride();
  try {
    await program.parseAsync(['node', 'postmortem', '--help']);
  } catch (error) {
    if ((error as { code?: string }).code !== 'commander.helpDisplayed') throw error;
  }
  return chunks.join('');
}

/** Makes the snapshot file's bytes from the live program and the program.js it runs. */
export async function makeHelpSnapshot(program: { bytes: Uint8Array; size: number; mtimeMs: number }): Promise<Buffer> {
  // Past its longest line nothing wraps, so every wider width prints the same.
  const unwrapped = await liveHelp(100_000);
  const widest = Math.max(...unwrapped.split('\n').map((line) => line.length));
  const runs: { from: number; to: number; text: string }[] = [{ from: widest + 1, to: -1, text: unwrapped }];
  for (let width = widest; width >= NARROWEST; width--) {
    const text = await liveHelp(width);
    const last = runs[runs.length - 1] as (typeof runs)[number];
    if (text === last.text) last.from = width;
    else runs.push({ from: width, to: width, text });
  }
  const bodies = runs.map((run) => Buffer.from(run.text, 'utf8'));
  const variants: HelpSnapshotHeader['variants'] = [];
  let at = 0;
  runs.forEach((run, i) => {
    const length = (bodies[i] as Buffer).length;
    variants.push([run.from, run.to, at, at + length]);
    at += length;
  });
  const header: HelpSnapshotHeader = {
    version: 4,
    program: { hash: programHash(program.bytes), size: program.size, mtimeMs: program.mtimeMs },
    variants,
  };
  return Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), ...bodies]);
}

/** Writes dist/cli/help.txt; run by the build after tsc. Returns how many distinct texts it holds. */
export async function writeHelpSnapshot(): Promise<number> {
  const stat = fs.statSync(PROGRAM_URL);
  const bytes = await makeHelpSnapshot({ bytes: fs.readFileSync(PROGRAM_URL), size: stat.size, mtimeMs: stat.mtimeMs });
  const temp = `${fileURLToPath(SNAPSHOT_URL)}.${process.pid}.tmp`;
  fs.writeFileSync(temp, bytes);
  fs.renameSync(temp, SNAPSHOT_URL);
  return JSON.parse(bytes.toString('utf8', 0, bytes.indexOf(10))).variants.length;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === fs.realpathSync(process.argv[1])) {
  const count = await writeHelpSnapshot();
  process.stdout.write(`wrote ${fileURLToPath(SNAPSHOT_URL)}: ${count} wrappings of the help, for widths ${NARROWEST} and up\n`);
}
