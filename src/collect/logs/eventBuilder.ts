import { L_ERROR } from './types.js';

/** Lines kept from the start of a multi-line event, and from its end. */
const HEAD_LINES = 30;
const TAIL_LINES = 10;
/** A line in an excerpt is cut here. */
const MAX_EXCERPT_LINE = 500;
/** An excerpt is cut here. */
const MAX_EXCERPT = 4000;

const PY_TRACEBACK = /^(?:Traceback \(most recent call last\):|During handling of the above exception|The above exception was the direct cause)/;
// `psycopg2.errors.DuplicateTable: relation …`, `KeyError: 'x'`, `SystemExit` (after a traceback).
const PY_EXCEPTION = /^[A-Za-z_][\w.]*(?::\s.*|:?)$/;
// `java.lang.IllegalStateException: …`, `TypeError: …`, `Error: connect ECONNREFUSED …`, `panic: …`.
const EXCEPTION = /^(?:[\w$]+\.)*[\w$]*(?:Exception|Error|Throwable|Failure|Fault)\b(?::\s.*)?$|^panic: /;
const CAUSED_BY = /^Caused by: (.+)$/;

/** Lines that continue the event above even without a timestamp: stack frames, chained tracebacks, SQL context. */
export const CONTINUATION =
  /^(?:\s|During handling of the above exception|The above exception was the direct cause|Caused by: |\.\.\. \d+ (?:more|common frames omitted)|at [\w$.<>]+\(|[\w.]+(?:Error|Exception|Exit|Interrupt|Warning)\b(?::|$)|\[SQL: |\[parameters: |\(Background on this error at: |goroutine \d+ \[|\]$|\)$|\^+$|\{$|\}$)/;

/**
 * One log event being read: its first line and what joins it (a traceback, a
 * stack trace, SQL context). Keeps the head and the tail of long events, and
 * finds the exception that caused it.
 */
export class EventBuilder {
  readonly head: string[] = [];
  readonly tail: string[] = [];
  lineCount = 0;
  /** Last time seen in the event (for the gap rule), epoch ms or NaN. */
  lastTime: number;
  /** A traceback or stack trace is being read: unlevelled lines join it. */
  absorbing = false;
  private inPythonTraceback = false;
  private pythonException: string | null = null;
  private firstException: string | null = null;
  private lastCausedBy: string | null = null;

  constructor(
    public level: number,
    /** Epoch ms (NaN when unknown). */
    public time: number,
    /** The line carried its own timestamp. */
    readonly hasTime: boolean,
    /** The message of the first line. */
    public header: string,
    readonly source: string | null,
    /** Context lines before the event, for the excerpt (decoded on demand). */
    readonly before: () => string[],
    firstLine: string,
  ) {
    this.lastTime = time;
    this.add(firstLine, header);
  }

  /** Adds a raw line; `message` is its text without prefixes (defaults to the line). */
  add(line: string, message: string = line): void {
    this.lineCount++;
    if (this.head.length < HEAD_LINES) this.head.push(line);
    else {
      this.tail.push(line);
      if (this.tail.length > TAIL_LINES) this.tail.shift();
    }
    this.inspect(message);
  }

  /** Adds the lines of a stack carried in a structured field. */
  addDetails(details: string): void {
    for (const line of details.split(/\r?\n/)) if (line.trim()) this.add(line);
  }

  /** Whether a `Traceback (most recent call last):` line belongs to this event (after an error line, or inside a chain). */
  takesTraceback(): boolean {
    return this.level >= L_ERROR || this.absorbing;
  }

  get multiline(): boolean {
    return this.lineCount > 1;
  }

  /** The readable message: the first line, with the root-cause exception when the first line does not say it. */
  message(): string {
    const cause = this.lastCausedBy ?? this.pythonException ?? this.firstException;
    const header = this.header.trim();
    if (!cause || cause === header) return header || cause || '';
    if (!header || PY_TRACEBACK.test(header) || header === 'Traceback (most recent call last):') return cause;
    const causeText = cause.includes(': ') ? cause.slice(cause.indexOf(': ') + 2) : cause;
    if (header.includes(causeText)) return header;
    return `${header}: ${cause}`;
  }

  /** The event's lines (head, a note for what was left out, tail), cut to excerpt size. */
  excerptLines(): string[] {
    const lines = this.head.map(cut);
    const omitted = this.lineCount - this.head.length - this.tail.length;
    if (omitted > 0) lines.push(`… ${omitted} more line${omitted === 1 ? '' : 's'} …`);
    lines.push(...this.tail.map(cut));
    while (lines.length > 0 && !lines[lines.length - 1]?.trim()) lines.pop();
    return lines;
  }

  private inspect(raw: string): void {
    const message = raw.trimEnd();
    if (!message) return;
    const c = message.charCodeAt(0);
    if (c === 32 || c === 9) {
      if (/^\s+(?:File "|at )/.test(message)) this.absorbing = true;
      return;
    }
    if (PY_TRACEBACK.test(message)) {
      this.inPythonTraceback = true;
      this.absorbing = true;
      if (this.level < L_ERROR) this.level = L_ERROR;
      return;
    }
    if (this.inPythonTraceback && PY_EXCEPTION.test(message)) {
      // The first exception of a chain is the root cause.
      this.pythonException ??= message;
      this.inPythonTraceback = false;
      return;
    }
    const caused = CAUSED_BY.exec(message);
    if (caused) {
      this.lastCausedBy = caused[1] ?? null;
      this.absorbing = true;
      return;
    }
    if (this.lineCount > 1 && !this.firstException && EXCEPTION.test(message)) this.firstException = message;
  }
}

function cut(line: string): string {
  return line.length > MAX_EXCERPT_LINE ? `${line.slice(0, MAX_EXCERPT_LINE)}…` : line;
}

/** Joins excerpt lines, cut to the excerpt size. */
export function joinExcerpt(lines: string[]): string {
  const text = lines.join('\n');
  return text.length > MAX_EXCERPT ? `${text.slice(0, MAX_EXCERPT)}\n…` : text;
}
