import { daysBetween } from '../actions/dates.js';
import { classifyHeading, lessonCategory } from '../markdown/headingKind.js';
import type { Durations } from '../record/durations.js';
import type { ActionItem, ExtraSection, Incident } from '../record/schema.js';
import { formatDuration } from '../record/time.js';
import { escapeInline, indentContinuation, inlineCode, normalizeBlock, oneLine, tableCell } from './markdown.js';

/**
 * View parts for the sre, stakeholder and action-review templates: detection,
 * lessons by outcome, one action-item table, a short status update and the
 * review of open items. Pure; the clock (`now`) is injected.
 */

/** How times are shown (the view model's clock). */
export interface TimeFormat {
  short: boolean;
  zone: string;
  format(timestamp: string, seconds: boolean): string;
}

export interface DetectionView {
  /** Markdown from the record's sections about detection (the import keeps "Detection" as an extra section). */
  text: string | null;
  /** `**Detected:** …` and `**Time to detect:** …` lines with hard breaks. */
  lines: string[];
  /** Detection events of the timeline, as `17:00 — Alert fired` list item texts. */
  events: string[];
}

export interface OutcomeLessonsView {
  /** Lessons of category went-well (or "What went well"), as list item texts. */
  wentWell: string[];
  wentWrong: string[];
  lucky: string[];
  /** Other lessons: uncategorised ones as written, others prefixed with their category in bold. */
  other: string[];
}

export interface ActionItemsView {
  rows: ActionItemRowView[];
  /** "13 action items, 13 open." */
  summary: string;
}

/** One table row; every value is an escaped table cell. */
export interface ActionItemRowView {
  item: string;
  kind: string;
  priority: string;
  owner: string;
  due: string;
  tracker: string;
  status: string;
}

/** A short update for chat or a status page. */
export interface UpdateView {
  /** `**[Resolved] Title** (SEV1)` */
  headline: string;
  /** Resolved, Mitigated, Investigating. */
  phase: string;
  whatHappened: string | null;
  status: string;
  impact: string | null;
  duration: string | null;
  currentState: string;
  nextUpdate: string;
  owner: string;
  /** The `**Label:** value` lines above, with hard breaks. */
  lines: string[];
}

/** Open action items by owner, overdue first. */
export interface ReviewView {
  /** "January 6, 2026", the date of `now`; null without a clock. */
  asOf: string | null;
  /** "13 open action items: 2 overdue, 11 without a due date." */
  summary: string;
  /** Owner groups, the most urgent first. */
  owners: OwnerGroupView[];
  /** "2 items done or won't do are not shown.", or null. */
  closed: string | null;
}

export interface OwnerGroupView {
  /** Escaped for a heading; "Unassigned" when no one owns the items. */
  owner: string;
  /** "3 open, 1 overdue" */
  summary: string;
  rows: ReviewRowView[];
}

/** One table row; every value is an escaped table cell. */
export interface ReviewRowView {
  due: string;
  item: string;
  priority: string;
  status: string;
  tracker: string;
}

const KIND_LABELS: Record<ActionItem['kind'], string> = { prevent: 'Prevent', detect: 'Detect', mitigate: 'Mitigate', process: 'Process' };
const PRIORITY_LABELS: Record<ActionItem['priority'], string> = { high: 'High', medium: 'Medium', low: 'Low' };
const PRIORITY_RANK: Record<ActionItem['priority'], number> = { high: 0, medium: 1, low: 2 };
const STATUS_LABELS: Record<ActionItem['status'], string> = { open: 'Open', 'in-progress': 'In progress', done: 'Done', 'wont-do': "Won't do" };
// biome-ignore format: one line reads better
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Whether an extra section is about detection (shown by `detection`, not among the others). */
export function isDetectionSection(section: ExtraSection): boolean {
  return classifyHeading(section.heading) === 'detection';
}

export function buildDetection(incident: Incident, clock: TimeFormat, durations: Durations): DetectionView | null {
  const text = incident.sections
    .filter(isDetectionSection)
    .map((s) => normalizeBlock(s.body))
    .filter(Boolean)
    .join('\n\n');
  const detected = incident.times.detected;
  const lines = hardBreaks(
    [
      detected ? `**Detected:** ${at(detected, clock)}` : null,
      durations.timeToDetect === null ? null : `**Time to detect:** ${formatDuration(durations.timeToDetect)}`,
    ].filter((line): line is string => line !== null),
  );
  const events = incident.timeline
    .filter((event) => event.kind === 'detected')
    .map((event) => `${clock.format(event.time, false)} — ${indentContinuation(event.text, 2)}`);
  if (!text && lines.length === 0 && events.length === 0) return null;
  return { text: text || null, lines, events };
}

export function buildOutcomes(incident: Incident): OutcomeLessonsView | null {
  if (incident.lessons.length === 0) return null;
  const view: OutcomeLessonsView = { wentWell: [], wentWrong: [], lucky: [], other: [] };
  for (const lesson of incident.lessons) {
    const text = indentContinuation(lesson.text, 2);
    const category = lesson.category ? lessonCategory(lesson.category.replace(/-/g, ' ')) : null;
    if (category === 'went-well') view.wentWell.push(text);
    else if (category === 'went-wrong') view.wentWrong.push(text);
    else if (category === 'lucky') view.lucky.push(text);
    else if (lesson.category) view.other.push(`**${escapeInline(capitalise(oneLine(lesson.category)))}:** ${text}`);
    else view.other.push(text);
  }
  return view;
}

export function buildActionItems(actions: ActionItem[]): ActionItemsView | null {
  if (actions.length === 0) return null;
  const open = actions.filter(isOpen).length;
  return {
    rows: actions.map((a) => ({
      item: tableCell(a.text),
      kind: KIND_LABELS[a.kind],
      priority: PRIORITY_LABELS[a.priority],
      owner: a.owner ? tableCell(a.owner) : 'unassigned',
      due: a.due ?? '—',
      tracker: a.tracker ? tableCell(a.tracker) : '—',
      status: STATUS_LABELS[a.status],
    })),
    summary: `${plural(actions.length, 'action item')}, ${open} open.`,
  };
}

/** `today` is the clock's calendar date in the workspace zone (YYYY-MM-DD), as `action list` counts overdue items. */
export function buildUpdate(incident: Incident, title: string, clock: TimeFormat, durations: Durations, now: Date | null, today: string | null): UpdateView {
  const { started, detected, mitigated, resolved } = incident.times;
  const phase = resolved ? 'Resolved' : mitigated ? 'Mitigated' : 'Investigating';
  const severity = incident.severity ? ` (${escapeInline(incident.severity)})` : '';
  const status = resolved ? `Resolved at ${at(resolved, clock)}` : mitigated ? `Mitigated at ${at(mitigated, clock)}; monitoring` : 'Investigating';
  const begin = started ?? detected;
  let duration: string | null = null;
  if (durations.downtime !== null && started && resolved) duration = `${formatDuration(durations.downtime)} (${at(started, clock)} to ${at(resolved, clock)})`;
  else if (begin && !resolved && now) duration = `ongoing for ${formatDuration(Math.max(0, now.getTime() - Date.parse(begin)))} (since ${at(begin, clock)})`;
  else if (begin) duration = `since ${at(begin, clock)}`;
  const open = incident.actions.filter(isOpen);
  const overdue = today ? open.filter((a) => a.due !== null && daysBetween(today, a.due) < 0).length : 0;
  const lastEvent = [...incident.timeline].sort((a, b) => Date.parse(a.time) - Date.parse(b.time)).at(-1);
  const currentState = resolved
    ? `Service restored.${open.length ? ` ${plural(open.length, 'follow-up action')} open${overdue ? ` (${overdue} overdue)` : ''}.` : ''}`
    : lastEvent
      ? `${phase}: ${escapeInline(lastEvent.text)} (${at(lastEvent.time, clock)})`
      : `${phase}.`;
  const nextUpdate = resolved
    ? 'None planned; the full postmortem follows.'
    : now
      ? `By ${utcTime(new Date(now.getTime() + 30 * 60_000))}`
      : 'Within 30 minutes';
  const owner = incident.authors.length ? incident.authors.map(escapeInline).join(', ') : 'not assigned yet';
  const whatHappened = firstParagraph(incident.summary);
  const impact = firstParagraph(incident.impact) ?? (incident.services.length ? `${incident.services.map(inlineCode).join(', ')} affected.` : null);
  const fields: Array<[string, string | null]> = [
    ['What happened', whatHappened],
    ['Status', status],
    ['Impact', impact],
    ['Duration', duration],
    ['Current state', currentState],
    ['Next update', nextUpdate],
    ['Owner', owner],
  ];
  return {
    headline: `**[${phase}] ${title}**${severity}`,
    phase,
    whatHappened,
    status,
    impact,
    duration,
    currentState,
    nextUpdate,
    owner,
    lines: hardBreaks(fields.flatMap(([label, value]) => (value ? [`**${label}:** ${value}`] : []))),
  };
}

/** `today`: the clock's calendar date in the workspace zone (YYYY-MM-DD), or null without a clock. */
export function buildReview(actions: ActionItem[], today: string | null): ReviewView {
  const open = actions
    .map((action, index) => ({ action, index, days: today && action.due ? daysBetween(today, action.due) : null }))
    .filter(({ action }) => isOpen(action));
  // Overdue first (most overdue first), then by due date, then undated; then by priority and record order.
  const urgency = (item: { action: ActionItem; days: number | null; index: number }) =>
    item.action.due === null ? Number.POSITIVE_INFINITY : Date.parse(`${item.action.due}T00:00:00Z`);
  open.sort((a, b) => urgency(a) - urgency(b) || PRIORITY_RANK[a.action.priority] - PRIORITY_RANK[b.action.priority] || a.index - b.index);
  const groups = new Map<string, typeof open>();
  for (const item of open) {
    const key = item.action.owner ? oneLine(item.action.owner) : '';
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  const overdue = open.filter((item) => item.days !== null && item.days < 0).length;
  const soon = open.filter((item) => item.days !== null && item.days >= 0 && item.days <= 7).length;
  const undated = open.filter((item) => item.action.due === null).length;
  const parts = [overdue ? `${overdue} overdue` : null, soon ? `${soon} due within 7 days` : null, undated ? `${undated} without a due date` : null].filter(
    Boolean,
  );
  const closed = actions.length - open.length;
  return {
    asOf: today ? longDate(today) : null,
    summary: open.length === 0 ? 'No open action items.' : `${plural(open.length, 'open action item')}${parts.length ? `: ${parts.join(', ')}` : ''}.`,
    owners: [...groups].map(([owner, items]) => {
      const late = items.filter((item) => item.days !== null && item.days < 0).length;
      return {
        owner: owner ? escapeInline(owner) : 'Unassigned',
        summary: `${items.length} open${late ? `, ${late} overdue` : ''}`,
        rows: items.map(({ action, days }) => ({
          due: dueCell(action.due, days),
          item: tableCell(action.text),
          priority: PRIORITY_LABELS[action.priority],
          status: STATUS_LABELS[action.status],
          tracker: action.tracker ? tableCell(action.tracker) : '—',
        })),
      };
    }),
    closed: closed ? `${plural(closed, 'item')} done or won't do ${closed === 1 ? 'is' : 'are'} not shown.` : null,
  };
}

function isOpen(action: ActionItem): boolean {
  return action.status === 'open' || action.status === 'in-progress';
}

function dueCell(due: string | null, days: number | null): string {
  if (due === null) return 'no due date';
  if (days === null) return due;
  if (days < 0) return `**${due}** (overdue by ${plural(-days, 'day')})`;
  if (days === 0) return `${due} (today)`;
  return `${due} (in ${plural(days, 'day')})`;
}

/** A time as the clock shows it, with the zone when it shows time of day only. */
function at(timestamp: string, clock: TimeFormat): string {
  return clock.short ? `${clock.format(timestamp, false)} ${clock.zone}` : clock.format(timestamp, false);
}

function utcTime(date: Date): string {
  const iso = date.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** "January 6, 2026" for 2026-01-06. */
function longDate(day: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return `${MONTHS[month - 1]} ${date}, ${year}`;
}

/** The first paragraph of Markdown on one line; a trailing colon (introducing a list) becomes a full stop. */
function firstParagraph(markdown: string | null): string | null {
  if (!markdown) return null;
  const paragraph = normalizeBlock(markdown)
    .split(/\n[ \t]*\n/)
    .find((part) => part.trim() !== '' && !/^\s*(#|```|~~~|\||>|<)/.test(part));
  if (!paragraph) return null;
  const line = /^\s*([-*+]|\d+[.)])\s/.test(paragraph) ? oneLine(paragraph.replace(/^\s*([-*+]|\d+[.)])\s+/gm, '').split('\n')[0] ?? '') : oneLine(paragraph);
  return line.replace(/:$/, '.');
}

function hardBreaks(lines: string[]): string[] {
  return lines.map((line, index) => (index < lines.length - 1 ? `${line}\\` : line));
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
