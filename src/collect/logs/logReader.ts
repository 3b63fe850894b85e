import { type ErrorGroup, ErrorGroups } from './errorGroups.js';
import { CONTINUATION, EventBuilder, joinExcerpt } from './eventBuilder.js';
import { LineScanner, readTimeAt } from './fastScan.js';
import { fingerprintOf } from './fingerprint.js';
import {
  F_GITHUB,
  F_HEROKU,
  F_JOURNALD,
  F_JSON,
  F_KUBERNETES,
  F_SYSLOG,
  F_TEXT,
  FAMILY_COUNT,
  K_JSON,
  K_LEVELED,
  K_LOGFMT,
  K_NONE,
  K_STAMPED,
  T_NONE,
} from './lineKinds.js';
import type { LineSink } from './lineSplitter.js';
import { MarkerLog } from './markerLog.js';
import { classifyMarker, type Marker } from './markers.js';
import type { LineParser } from './parseLine.js';
import type { TimeReader } from './timestamps.js';
import type { TrackedRedactor } from './trackedRedactor.js';
import { type FormatName, L_ERROR, L_INFO, L_NONE, L_WARN, type ParsedLine } from './types.js';

/** See `LogReader.boundaryState`. */
export interface BoundaryState {
  quiet: boolean;
  open: boolean;
  openHasTime: boolean;
  openFamily: number;
  lastTime: number;
  pendingTime: number;
  sawTime: boolean;
}

export interface ReaderLimits {
  maxGroups: number;
  maxMarkers: number;
}

/** A prefixed line (kubectl, Heroku, GitHub Actions) joins the event above only this close in time. */
const JOIN_GAP_MS = 2000;
/** Context lines kept before and after a single-line error. */
const CONTEXT = 2;
/** JSON entries parsed exactly at the start, to name the JSON flavour (pino, journald, Railway). */
const JSON_SAMPLE = 50;
/** A kept message is cut here. */
const MAX_MESSAGE = 1000;

/** Lines a migration tool writes while it runs. */
const MIGRATION_TEXT = /alembic|migrat|flyway|liquibase|DbMigrate|knex|prisma|sequelize|Context impl|Will assume|transactional DDL|^\s*$/i;
const MIGRATION_ENDS = new Set<Marker>([
  'migration-finished',
  'migration-skipped',
  'migration-failed',
  'started',
  'stopped',
  'crashed',
  'starting',
  'build-started',
  'deploy-started',
]);

const TRACEBACK = 'Traceback (most recent call last)';

const isBlankish = (c: number) => c === 32 || c === 9;

/**
 * The per-line state machine: decides for each line whether it starts an
 * entry or continues the one above, counts levels, and hands the entries
 * that matter (errors, warnings, markers) to the groups and the marker log.
 * Lines that do not matter never leave the fast path.
 */
export class LogReader implements LineSink {
  levelCounts: number[] = [0, 0, 0, 0, 0, 0];
  familyCounts = new Array<number>(FAMILY_COUNT).fill(0);
  flavorCounts = new Map<FormatName, number>();
  groups: ErrorGroups;
  markers: MarkerLog;
  minTime = Number.NaN;
  maxTime = Number.NaN;
  /** Lines read with a time (to warn when --since/--until had nothing to work on). */
  timedEntries = 0;
  /** Entries that did not look like the forced format. */
  formatMismatches = 0;
  /** Set by `startRange`: the JSON sample is taken as done (see `jsonRelied`). */
  jsonAssumed = false;
  /** A JSON entry took the fast path only because the sample was taken as done. */
  jsonRelied = false;

  private readonly scanner: LineScanner;
  // The open entry: an event that matters, or a plain entry only counted.
  private event: EventBuilder | null = null;
  private eventMarker: Marker | null = null;
  private open = false;
  private openHasTime = false;
  private openFamily = -1;
  private lastTime = Number.NaN;
  private jsonSampled = 0;
  private migrationRunning = false;
  /** A time was seen (in the window): later plain entries leave theirs unread. */
  private sawTime = false;
  // The line being read, and the two before it (for excerpts).
  private readonly ringBytes: (Buffer | null)[] = [null, null];
  private readonly ringStart = [0, 0];
  private readonly ringEnd = [0, 0];
  private ringNext = 0;
  private currentText: string | null = null;
  // A single-line group waiting for the lines after it.
  private pendingExcerpt: { lines: string[]; remaining: number; group: ErrorGroup } | null = null;
  // The last timestamped entry whose time was not read (read when a later line inherits it, and per chunk).
  private stampText: string | null = null;
  private stampKind = 0;
  private stampAt = 0;
  private stampEnd = 0;
  private readonly filtering: boolean;

  constructor(
    private readonly clock: TimeReader,
    private readonly parser: LineParser,
    private readonly redactor: TrackedRedactor,
    private readonly window: { since: number; until: number },
    private readonly forced: FormatName | null,
    private readonly limits: ReaderLimits,
  ) {
    this.scanner = new LineScanner(clock);
    this.filtering = !Number.isNaN(window.since) || !Number.isNaN(window.until);
    this.groups = new ErrorGroups({ maxGroups: limits.maxGroups });
    this.markers = new MarkerLog(limits.maxMarkers);
  }

  line(text: string, bytes: Buffer, start: number, end: number, _at?: number): void {
    this.currentText = null;
    if (start === end) {
      if (this.event) this.event.add('');
    } else if (isBlankish(text.charCodeAt(start))) {
      this.continuation(bytes, start, end, Number.NaN, start);
    } else this.entryOrContinuation(text, bytes, start, end);
    this.remember(bytes, start, end);
  }

  /**
   * Call after each chunk: reads the time of its last timestamped entry (for the log's last time),
   * and copies the two remembered lines out of the chunk, so the caller may reuse its memory.
   */
  chunkDone(): void {
    if (this.stampText !== null) this.inheritedTime();
    for (let i = 0; i < 2; i++) {
      const bytes = this.ringBytes[i];
      if (!bytes) continue;
      const start = this.ringStart[i] ?? 0;
      const end = this.ringEnd[i] ?? 0;
      this.ringBytes[i] = Buffer.from(bytes.subarray(start, end));
      this.ringStart[i] = 0;
      this.ringEnd[i] = end - start;
    }
  }

  /** Closes what is open; call once at the end. */
  finish(): void {
    this.closeOpen();
    this.chunkDone();
    this.flushExcerpt();
  }

  /**
   * Whether the next line may start a byte range read by another reader: nothing is open that the
   * lines above began (an event, an excerpt waiting for lines, a migration, a private key block).
   */
  quiet(): boolean {
    return this.event === null && this.pendingExcerpt === null && !this.migrationRunning && !this.redactor.insideBlock();
  }

  /** What decides how the next lines are read, when `quiet()`; two readers equal here read on alike (see rangeMerge.ts). */
  boundaryState(): BoundaryState {
    const pending = this.stampText;
    return {
      quiet: this.quiet(),
      open: this.open,
      openHasTime: this.openHasTime,
      openFamily: this.openFamily,
      lastTime: this.lastTime,
      // An unread time only ever counts by its value (NaN: as if there were none).
      pendingTime: pending === null ? Number.NaN : readTimeAt(this.clock, pending, this.stampKind, this.stampAt, this.stampEnd),
      sawTime: this.sawTime,
    };
  }

  /**
   * Starts counting afresh at a byte range's first line, keeping the reading state: the lines read
   * before were the range's lead-in. The JSON sample is taken as done (`jsonRelied` tells whether
   * that mattered); lifecycle markers and groups start empty (the merge joins them).
   */
  startRange(): void {
    this.levelCounts = [0, 0, 0, 0, 0, 0];
    this.familyCounts = new Array<number>(FAMILY_COUNT).fill(0);
    this.flavorCounts = new Map();
    this.groups = new ErrorGroups({ maxGroups: this.limits.maxGroups });
    this.markers = new MarkerLog(this.limits.maxMarkers);
    this.minTime = Number.NaN;
    this.maxTime = Number.NaN;
    this.timedEntries = 0;
    this.formatMismatches = 0;
    this.parser.badJson = 0;
    this.assumeJsonSampled();
  }

  /**
   * Reads JSON entries as if the sample were taken (a range's lead-in and its lines: the ranges
   * before usually took it; `jsonRelied` tells the merge whether that mattered).
   */
  assumeJsonSampled(): void {
    this.jsonSampled = JSON_SAMPLE;
    this.jsonAssumed = true;
    this.jsonRelied = false;
  }

  /** Slow-path JSON entries read since the start (or since `startRange`, beyond the sample). */
  get jsonParsed(): number {
    return this.jsonAssumed ? this.jsonSampled - JSON_SAMPLE : this.jsonSampled;
  }

  private entryOrContinuation(text: string, bytes: Buffer, start: number, end: number): void {
    const sc = this.scanner;
    const kind = sc.scan(text, start, end);
    const ev = this.event;
    if (this.open && kind !== K_JSON && this.joins(text, start, end, kind, ev)) {
      const stamped = kind === K_STAMPED;
      this.continuation(bytes, start, end, ev !== null && stamped ? sc.readTime(text, end) : Number.NaN, stamped ? sc.msgStart : start);
      return;
    }
    if (this.forced !== null && !this.looksForced(kind)) this.formatMismatches++;
    // Not joined: a new entry. Only a JSON line needs the exact parser to tell (a Railway record's
    // severity is not its level); other lines take the slow path only if they matter.
    const slow =
      (ev !== null && kind === K_JSON) ||
      sc.level >= L_WARN ||
      sc.hint ||
      this.migrationRunning ||
      (kind === K_JSON && this.jsonNeedsParse(text, end)) ||
      (this.forced !== null && this.forced !== 'text' && kind === K_NONE);
    if (slow) {
      this.slowEntry(bytes, start, end, kind);
      return;
    }
    // The fast path: a plain entry, counted and left. Its time is read only when something needs it.
    this.closeOpen();
    const hasTime = sc.timeKind !== T_NONE;
    let time = Number.NaN;
    if (hasTime) {
      if (this.filtering || !this.sawTime) {
        time = sc.readTime(text, end);
        this.stampText = null;
      } else {
        this.stampText = text;
        this.stampKind = sc.timeKind;
        this.stampAt = sc.timeAt;
        this.stampEnd = end;
      }
    }
    this.countEntry(sc.level, time, sc.family, hasTime);
  }

  /** Whether a plain JSON entry is parsed exactly: while the format is sampled, or when it does not end like a record. */
  private jsonNeedsParse(text: string, end: number): boolean {
    if (text.charCodeAt(end - 1) !== 125) return true;
    if (this.jsonAssumed) this.jsonRelied = true;
    return this.jsonSampled < JSON_SAMPLE;
  }

  /** Whether an entry's first line has the shape of the forced format. */
  private looksForced(kind: number): boolean {
    const family = this.scanner.family;
    switch (this.forced) {
      case 'json':
      case 'journald':
        return kind === K_JSON;
      case 'logfmt':
        return kind === K_LOGFMT;
      case 'heroku':
        return family === F_HEROKU;
      case 'kubernetes':
        return family === F_KUBERNETES;
      case 'github-actions':
        return family === F_GITHUB;
      case 'syslog':
        return family === F_SYSLOG;
      case 'plain':
        return kind === K_STAMPED || kind === K_LEVELED;
      default:
        return true;
    }
  }

  /** Whether a line (not JSON) continues the open entry. */
  private joins(text: string, start: number, end: number, kind: number, ev: EventBuilder | null): boolean {
    const sc = this.scanner;
    if (kind === K_NONE) {
      if (sc.level === L_ERROR && !sc.explicit && sc.tokenStart === start && text.startsWith('Traceback', start)) {
        // A traceback after an error line is that error's; after anything else it is a new error.
        return ev?.takesTraceback() === true;
      }
      if (this.openHasTime) return true;
      if (ev?.absorbing && !sc.hint && !sc.explicit) return true;
      return CONTINUATION.test(text.slice(start, Math.min(start + 200, end)));
    }
    if (kind !== K_STAMPED || sc.explicit || sc.family !== this.openFamily) return false;
    const m = sc.msgStart;
    // Under a plain entry only indented lines join (they are skipped either way).
    if (ev === null) return isBlankish(text.charCodeAt(m));
    const time = sc.readTime(text, end);
    if (Math.abs(time - ev.lastTime) > JOIN_GAP_MS) return false;
    if (isBlankish(text.charCodeAt(m))) return true;
    if (text.startsWith(TRACEBACK, m)) return ev.takesTraceback();
    if (ev.absorbing && !sc.hint) return true;
    return CONTINUATION.test(text.slice(m, Math.min(m + 200, end)));
  }

  /** A line joining the open entry; `msgStart` is where its own text starts (after a kubectl or Heroku prefix). */
  private continuation(bytes: Buffer, start: number, end: number, time: number, msgStart: number): void {
    const ev = this.event;
    if (!this.open) {
      // Nothing above to continue: an entry of its own.
      const text = this.decode(bytes, start, end);
      const parsed = this.parser.parse(text.trimStart());
      this.newEntry(parsed, text, parsed.level, F_TEXT);
      return;
    }
    if (ev === null) return;
    const line = this.decode(bytes, start, end);
    // The prefix is ASCII, so its byte length is its length in characters.
    ev.add(line, msgStart > start ? line.slice(msgStart - start) : line);
    if (!Number.isNaN(time)) ev.lastTime = time;
  }

  private slowEntry(bytes: Buffer, start: number, end: number, kind: number): void {
    const line = this.decode(bytes, start, end);
    const parsed = this.parser.parse(line);
    if (kind === K_JSON) {
      this.jsonSampled++;
      this.flavorCounts.set(parsed.format, (this.flavorCounts.get(parsed.format) ?? 0) + 1);
      const ev = this.event;
      // Railway and Docker write each line of a traceback as its own record.
      if (ev && !parsed.explicit && this.jsonContinues(parsed, ev)) {
        ev.add(parsed.message);
        if (!Number.isNaN(parsed.time)) ev.lastTime = parsed.time;
        return;
      }
    }
    this.newEntry(parsed, kind === K_JSON ? parsed.message : line, parsed.level, this.scanner.family);
  }

  private jsonContinues(parsed: ParsedLine, ev: EventBuilder): boolean {
    if (!Number.isNaN(parsed.time) && !Number.isNaN(ev.lastTime) && Math.abs(parsed.time - ev.lastTime) > JOIN_GAP_MS) return false;
    const message = parsed.message;
    if (!message || isBlankish(message.charCodeAt(0))) return true;
    if (message.startsWith(TRACEBACK)) return ev.takesTraceback();
    if (ev.absorbing && !classifyMarker(message)) return true;
    return CONTINUATION.test(message.slice(0, 200));
  }

  /** Starts an entry from an exactly parsed line. */
  private newEntry(parsed: ParsedLine, line: string, level: number, family = this.scanner.family): void {
    this.closeOpen();
    const time = parsed.time;
    if (!Number.isNaN(time)) this.stampText = null;
    // Errors are checked for failures only; other lines when the fast scan hinted at a marker, or
    // could not (it took the line for an error: a Railway record's stderr severity).
    const hinted = this.scanner.hint || (this.scanner.level >= L_WARN && level < L_WARN);
    const marker = parsed.message ? classifyMarker(parsed.message, hinted) : null;
    // A migration is running until its end, an error (the migration failing) or an unrelated line.
    if (this.migrationRunning && !marker && level < L_ERROR && !MIGRATION_TEXT.test(parsed.message)) this.migrationRunning = false;
    if (level >= L_WARN || marker) {
      const eventTime = Number.isNaN(time) ? this.inheritedTime() : time;
      this.event = new EventBuilder(level, eventTime, !Number.isNaN(time), parsed.message, parsed.source, this.contextBefore(), line);
      if (parsed.details) this.event.addDetails(parsed.details);
      this.eventMarker = marker;
      this.open = true;
      this.openHasTime = !Number.isNaN(time) && family !== F_JSON && family !== F_JOURNALD && this.scanner.kind !== K_LOGFMT;
      this.openFamily = family;
      if (!Number.isNaN(time)) this.seeEntryTime(time);
      this.familyCounts[family] = (this.familyCounts[family] ?? 0) + 1;
      return;
    }
    this.countEntry(level, time, family, !Number.isNaN(time));
  }

  /** Counts a plain entry and leaves it open (only to absorb its continuation lines). */
  private countEntry(level: number, time: number, family: number, hasTime: boolean): void {
    if (!Number.isNaN(time)) this.seeEntryTime(time);
    else if (hasTime) this.timedEntries++;
    if (!this.filtering || this.inWindow(Number.isNaN(time) ? this.lastTime : time)) this.bump(level);
    this.familyCounts[family] = (this.familyCounts[family] ?? 0) + 1;
    this.open = true;
    this.openHasTime = hasTime && family !== F_JSON && family !== F_JOURNALD && this.scanner.kind !== K_LOGFMT;
    this.openFamily = family;
  }

  private bump(level: number): void {
    const code = level === L_NONE ? L_INFO : level;
    this.levelCounts[code] = (this.levelCounts[code] ?? 0) + 1;
  }

  private seeEntryTime(time: number): void {
    this.lastTime = time;
    this.timedEntries++;
    if (this.inWindow(time)) this.seeTime(time);
  }

  /** The time of the last timestamped entry (read now if it was left unread). */
  private inheritedTime(): number {
    const text = this.stampText;
    if (text !== null) {
      this.stampText = null;
      const time = readTimeAt(this.clock, text, this.stampKind, this.stampAt, this.stampEnd);
      if (!Number.isNaN(time)) {
        this.lastTime = time;
        if (this.inWindow(time)) this.seeTime(time);
      }
    }
    return this.lastTime;
  }

  private seeTime(time: number): void {
    this.sawTime = true;
    if (!(time >= this.minTime)) this.minTime = time;
    if (!(time <= this.maxTime)) this.maxTime = time;
  }

  private inWindow(time: number): boolean {
    if (Number.isNaN(time)) return true;
    return !(time < this.window.since) && !(time > this.window.until);
  }

  private closeOpen(): void {
    this.open = false;
    const ev = this.event;
    if (ev === null) return;
    this.event = null;
    const marker = this.eventMarker;
    this.eventMarker = null;
    if (!this.inWindow(ev.time)) return;
    this.bump(ev.level);
    const raw = ev.message() || ev.header || '(empty message)';
    if (ev.level >= L_WARN) this.group(ev, raw);
    const found = marker ?? (ev.level >= L_WARN && raw !== ev.header ? classifyMarker(raw, false) : null);
    if (found) {
      if (found === 'migration-started') this.migrationRunning = true;
      else if (MIGRATION_ENDS.has(found)) this.migrationRunning = false;
      this.markers.add(found, ev.level, () => this.markerMessage(raw), ev.time);
    } else if (ev.level >= L_ERROR && this.migrationRunning) {
      // An error while a migration runs is the migration failing.
      this.migrationRunning = false;
      this.markers.add('migration-failed', ev.level, () => this.markerMessage(raw), ev.time);
    }
  }

  /** A marker's message, redacted; for the first entry, what that masked is noted (a byte-range merge may join it to the run before). */
  private markerMessage(raw: string): string {
    if (this.markers.last !== null) return this.redactor.redact(cutMessage(raw));
    const redacted = this.redactor.redactTracked(cutMessage(raw));
    this.markers.firstMasked = redacted.masked;
    this.markers.firstStateful = redacted.stateful;
    return redacted.text;
  }

  private group(ev: EventBuilder, raw: string): void {
    const { message, template, key } = this.redactor.redactMessage(raw);
    const created = this.groups.add(ev.level, template, fingerprintOf(template), cutMessage(message), ev.time);
    if (!created) return;
    created.memoKey = key;
    if (ev.multiline) {
      this.setExcerpt(created, joinExcerpt(ev.excerptLines()));
      return;
    }
    // Finishing the excerpt of the group before early is something a byte-range merge must know (see rangeMerge.ts).
    created.cutsExcerptOf = this.pendingExcerpt?.group.seq ?? -1;
    this.flushExcerpt();
    this.pendingExcerpt = { lines: [...ev.before(), ...ev.excerptLines()], remaining: CONTEXT, group: created };
  }

  private flushExcerpt(): void {
    const pending = this.pendingExcerpt;
    if (!pending) return;
    this.pendingExcerpt = null;
    this.setExcerpt(pending.group, joinExcerpt(pending.lines));
  }

  /** Redacts a group's excerpt, noting what that masked (a merge drops it when the group turns out to exist already). */
  private setExcerpt(group: ErrorGroup, excerpt: string): void {
    const redacted = this.redactor.redactTracked(excerpt);
    group.excerpt = redacted.text;
    group.excerptMasked = redacted.masked;
    group.excerptStateful = redacted.stateful;
  }

  private remember(bytes: Buffer, start: number, end: number): void {
    const pending = this.pendingExcerpt;
    if (pending && start !== end) {
      pending.lines.push(display(this.decode(bytes, start, end)));
      if (--pending.remaining === 0) this.flushExcerpt();
    }
    const i = this.ringNext;
    this.ringBytes[i] = bytes;
    this.ringStart[i] = start;
    this.ringEnd[i] = end;
    this.ringNext = i === 0 ? 1 : 0;
  }

  /**
   * The two lines before the current one: decoded now (the chunk they are in may be reused),
   * shown as an excerpt shows them only if one needs them.
   */
  private contextBefore(): () => string[] {
    const lines: string[] = [];
    for (let k = 0; k < 2; k++) {
      const i = (this.ringNext + k) % 2;
      const bytes = this.ringBytes[i];
      const start = this.ringStart[i] ?? 0;
      const end = this.ringEnd[i] ?? 0;
      if (bytes && end > start) lines.push(bytes.toString('utf8', start, end));
    }
    return () => lines.map(display);
  }

  private decode(bytes: Buffer, start: number, end: number): string {
    this.currentText ??= bytes.toString('utf8', start, end);
    return this.currentText;
  }
}

/** How a line reads in an excerpt: a JSON record shows its message. */
function display(line: string): string {
  if (line.charCodeAt(0) !== 123) return line;
  try {
    const record = JSON.parse(line) as Record<string, unknown>;
    for (const key of ['msg', 'message', 'event', 'MESSAGE', 'log']) {
      const value = record[key];
      if (typeof value === 'string') return value.replace(/\n$/, '');
    }
  } catch {
    // Not JSON after all: shown as written.
  }
  return line;
}

function cutMessage(message: string): string {
  return message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE)}…` : message;
}
