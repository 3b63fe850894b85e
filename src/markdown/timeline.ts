import type { List, RootContent, Table } from 'mdast';
import type { IncidentInput } from '../record/schema.js';
import { parseTimestamp } from '../record/time.js';
import { findDate, findZone, ZONE_SOURCE, zoneOf } from './dates.js';
import { classifyHeading } from './headingKind.js';
import { type OutlineSection, plainText, sliceNodes, startOf } from './outline.js';

/** A timeline event as the record accepts it. */
export type TimelineEventInput = NonNullable<IncidentInput['timeline']>[number];
type EventKind = NonNullable<TimelineEventInput['kind']>;

/** What the timeline section gave: events, and everything that was not an event. */
export interface TimelineResult {
  events: TimelineEventInput[];
  /** Markdown of the section that did not become events (kept as a section). */
  leftover: string[];
  warnings: string[];
}

interface TimelineContext {
  source: string;
  /** The incident date, for times written without one. */
  date: string | null;
  /** `UTC`, an offset or an IANA name. */
  zone: string;
}

interface When {
  date: string | null;
  time: string | null;
  zone: string | null;
}

const KIND_RULES: ReadonlyArray<readonly [EventKind, RegExp]> = [
  ['resolved', /\bresolv|\brestored\b|back to normal|\brecovered\b|fully operational|all systems (verified )?operational|verified all systems|\bclosed\b/i],
  ['mitigated', /mitigat|workaround|temporar(y|ily) fix/i],
  ['detected', /detect|alert|noticed|\breport|notified|identified|discovered|\bpaged?\b|became aware/i],
  ['deploy', /deploy|\brelease[ds]?\b|roll(ed)? ?out|rolled back|rollback|pushed/i],
  ['investigation', /investigat|troubleshoot|looking into|looked into|root cause|diagnos/i],
  ['commit', /\bcommit(ted)?\b|pull request|merged/i],
  ['build', /\bbuild\b|\bbuilt\b/i],
  ['verified', /verif|confirmed/i],
  ['error', /crash|\bfail|\berror|\bdown\b|outage|not ?ready|unhealthy/i],
];

/** Guesses an event kind from its words; `note` when nothing fits. */
export function guessEventKind(text: string): EventKind {
  for (const [kind, pattern] of KIND_RULES) if (pattern.test(text)) return kind;
  return 'note';
}

const ISO_DATE = /(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})/;
const CLOCK = /(?<![\d:])(\d{1,2})[:.](\d{2})(?::(\d{2}))?(?:\s*([ap])\.?m\.?\b)?(?![\d])/i;

/** Reads a date, a clock time and a zone from text such as `2019-11-29 12:00 CET`. */
export function parseWhen(text: string): When {
  const date = findDate(text);
  const withoutDate = text.replace(ISO_DATE, ' ');
  const clock = CLOCK.exec(withoutDate);
  let time: string | null = null;
  let zone: string | null = null;
  if (clock) {
    let hours = Number(clock[1]);
    const minutes = Number(clock[2]);
    const seconds = Number(clock[3] ?? '0');
    const meridiem = clock[4]?.toLowerCase();
    if (meridiem === 'p' && hours < 12) hours += 12;
    if (meridiem === 'a' && hours === 12) hours = 0;
    if (hours <= 23 && minutes <= 59 && seconds <= 59) {
      time = [hours, minutes, seconds].map((part) => String(part).padStart(2, '0')).join(':');
      zone = findZone(withoutDate.slice(clock.index + clock[0].length));
    }
  }
  return { date, time, zone };
}

const LIST_PREFIX = new RegExp(
  `^\\s*(?:\\*\\*|__)?\\s*\\[?((?:\\d{4}-\\d{2}-\\d{2}[ T,]*)?\\d{1,2}:\\d{2}(?::\\d{2})?(?:\\s*[ap]\\.?m\\.?)?(?:\\s*(?:${ZONE_SOURCE}))?|\\d{4}-\\d{2}-\\d{2})\\]?\\s*(?:\\*\\*|__)?\\s*(?:[-–—:|]\\s*)?`,
  'i',
);

/**
 * Reads a timeline section: GFM tables with a time or date column, lists such as
 * `- 17:00 text` or `- **17:00** text`, and `### 17:00` sub-headings. Times without
 * a date take the incident date; zones come from the cell, the column title, the
 * section text (`All times in UTC.`) or the caller's default.
 */
export function parseTimeline(section: OutlineSection, context: TimelineContext): TimelineResult {
  const result: TimelineResult = { events: [], leftover: [], warnings: [] };
  const sectionText = section.heading + '\n' + section.content.map(plainText).join('\n');
  const zone = findZone(sectionText) ?? context.zone;
  readSection(section, { ...context, zone }, result);
  return result;
}

function readSection(section: OutlineSection, context: TimelineContext, result: TimelineResult): void {
  for (const node of section.content) readNode(node, context, result);
  for (const child of section.children) {
    const when = parseWhen(child.heading);
    if (when.time !== null && /^\W*\d/.test(child.heading)) {
      const title = child.heading.replace(LIST_PREFIX, '').trim();
      const body = context.source.slice(child.contentStart, child.end).trim();
      const text = [title, body].filter(Boolean).join('\n\n');
      if (!addEvent(when, text || child.heading, child.heading, context, result)) {
        result.warnings.push(`timeline: "${child.heading}" has no readable date; the entry is kept as written`);
        result.leftover.push(context.source.slice(child.start, child.end).trim());
      }
      continue;
    }
    const childDate = findDate(child.heading);
    if (childDate && classifyHeading(child.heading) === null) {
      readSection(child, { ...context, date: childDate }, result);
      continue;
    }
    const before = result.events.length;
    const leftoverBefore = result.leftover.length;
    readSection(child, context, result);
    if (result.events.length === before && result.leftover.length > leftoverBefore) {
      // A sub-section with no events is kept whole, heading included.
      result.leftover.splice(leftoverBefore);
      result.leftover.push(context.source.slice(child.start, child.end).trim());
    }
  }
}

function readNode(node: RootContent, context: TimelineContext, result: TimelineResult): void {
  if (node.type === 'table') {
    if (!readTable(node, context, result)) result.leftover.push(sliceNodes(context.source, [node]));
    return;
  }
  if (node.type === 'list') {
    readList(node, context, result);
    return;
  }
  const text = plainText(node).trim();
  if (node.type === 'paragraph' && /\b(all )?times?\b.*\b(are|in|shown)\b|time ?zone/i.test(text) && findZone(text) && text.length < 120) return;
  if (node.type === 'thematicBreak' || text === '') {
    if (node.type !== 'code' && node.type !== 'html') return;
  }
  result.leftover.push(sliceNodes(context.source, [node]));
}

function readList(list: List, context: TimelineContext, result: TimelineResult): void {
  const kept: string[] = [];
  for (const item of list.children) {
    const raw = sliceNodes(context.source, item.children);
    const prefix = LIST_PREFIX.exec(raw);
    const written = prefix?.[1];
    if (!prefix || !written) {
      if (raw.trim()) kept.push(context.source.slice(startOf(item), item.position?.end.offset ?? 0));
      continue;
    }
    const text = raw
      .slice(prefix[0].length)
      .replace(/^(?:\*\*|__)\s*/, '')
      .trim();
    if (!addEvent(parseWhen(written), text || written, written, context, result)) {
      result.warnings.push(`timeline: "${written}" has no readable date; the entry is kept as written`);
      kept.push(context.source.slice(startOf(item), item.position?.end.offset ?? 0));
    }
  }
  if (kept.length > 0) result.leftover.push(kept.join('\n'));
}

function readTable(table: Table, context: TimelineContext, result: TimelineResult): boolean {
  const [header, ...rows] = table.children;
  if (!header) return false;
  const titles = header.children.map((cell) => plainText(cell).trim());
  let timeColumn = titles.findIndex((title) => /\b(time|date|when|timestamp|utc|hour)\b/i.test(title));
  if (timeColumn < 0) {
    const looksTimed = rows.filter((row) => {
      const cell = row.children[0];
      return cell ? parseWhen(plainText(cell)).time !== null : false;
    }).length;
    if (rows.length === 0 || looksTimed * 2 < rows.length) return false;
    timeColumn = 0;
  }
  const eventPattern = /event|description|what|action|detail|activity|happen|summary|message|update|note/i;
  let eventColumn = titles.findIndex((title, index) => index !== timeColumn && eventPattern.test(title));
  if (eventColumn < 0) eventColumn = titles.findIndex((_, index) => index !== timeColumn);
  if (eventColumn < 0) return false;
  const zone = findZone(titles[timeColumn] ?? '') ?? context.zone;
  const unplaced: string[] = [];
  for (const row of rows) {
    const cells = row.children.map((cell) => sliceNodes(context.source, cell.children).trim());
    const written = plainText(row.children[timeColumn] ?? { type: 'text', value: '' }).trim();
    const extras = cells
      .map((value, index) => ({ value, title: titles[index] ?? `Column ${index + 1}` }))
      .filter((cell, index) => index !== timeColumn && index !== eventColumn && cell.value !== '')
      .map((cell) => `(${cell.title}: ${cell.value})`);
    const text = [cells[eventColumn] ?? '', ...extras].filter(Boolean).join(' ');
    if (!text && !written) continue;
    if (!addEvent(parseWhen(written), text || written, written, { ...context, zone }, result)) unplaced.push(written);
  }
  if (unplaced.length > 0) {
    result.warnings.push(`timeline: ${unplaced.length} row(s) without a readable date (${unplaced.slice(0, 3).join('; ')}); the table is kept as written`);
    result.leftover.push(sliceNodes(context.source, [table]));
  }
  return true;
}

function addEvent(when: When, text: string, written: string, context: TimelineContext, result: TimelineResult): boolean {
  // A written but unreadable date (`2022-05-??`, `20202-01-16`) is not the incident date.
  const writtenDate = when.date === null && /\d{4}|\?\?[-/]|[-/]\?\?/.test(written);
  const date = when.date ?? (writtenDate ? null : context.date);
  // The caller keeps the entry as written and says so.
  if (!date) return false;
  let time = when.time;
  let eventText = text.trim();
  if (time === null) {
    const previous = result.events[result.events.length - 1];
    const previousTime = previous && previous.time.slice(0, 10) === date ? /T(\d{2}:\d{2}:\d{2})/.exec(previous.time)?.[1] : undefined;
    time = previousTime ?? '00:00:00';
    eventText = `${eventText} (time approximate: ${written})`;
    result.warnings.push(`timeline: "${written}" has no readable time; placed at ${date} ${time.slice(0, 5)}`);
  }
  const zone = when.zone ?? zoneOf(context.zone) ?? context.zone;
  const parsed = parseTimestamp(`${date}T${time}`, zone);
  if (!parsed.ok) {
    result.warnings.push(`timeline: "${written}": ${parsed.error}`);
    return false;
  }
  result.events.push({ time: parsed.value.text, text: eventText, kind: guessEventKind(eventText), source: 'manual' });
  return true;
}
