/** Redraws at most this often. */
const INTERVAL_MS = 100;
const WIDTH = 24;

export interface ProgressBar {
  /** Bytes read so far, of `total` (null when unknown: stdin). */
  update: (read: number, total: number | null) => void;
  /** Clears the bar. */
  done: () => void;
}

function size(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(2)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${Math.round(bytes / 1e3)} KB`;
}

/**
 * A one-line progress bar for long reads, redrawn in place on a terminal at
 * most ten times a second. Prints nothing when the stream is not a TTY
 * (piped, redirected, CI), so logs and JSON output stay clean.
 */
export function createProgressBar(stream: NodeJS.WriteStream, now: () => number = () => Date.now()): ProgressBar {
  const tty = Boolean(stream.isTTY);
  const started = now();
  let last = 0;
  let drawn = false;
  return {
    update: (read, total) => {
      if (!tty) return;
      const t = now();
      if (t - last < INTERVAL_MS) return;
      last = t;
      const seconds = Math.max((t - started) / 1000, 0.001);
      const rate = `${size(read / seconds)}/s`;
      let text: string;
      if (total && total > 0) {
        const fraction = Math.min(read / total, 1);
        const filled = Math.round(fraction * WIDTH);
        text = `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${Math.floor(fraction * 100)}% ${size(read)} of ${size(total)}, ${rate}`;
      } else text = `${size(read)} read, ${rate}`;
      stream.write(`\r${text}\u001b[K`);
      drawn = true;
    },
    done: () => {
      if (tty && drawn) stream.write('\r\u001b[K');
      drawn = false;
    },
  };
}
