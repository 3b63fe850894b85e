import type { ListItem, RootContent, Table } from 'mdast';
import type { IncidentInput } from '../record/schema.js';
import { findDate } from './dates.js';
import { type OutlineSection, plainText, sliceNodes } from './outline.js';

/** An action item as the record accepts it. */
export type ActionInput = NonNullable<IncidentInput['actions']>[number];
type ActionStatus = NonNullable<ActionInput['status']>;
type Priority = NonNullable<ActionInput['priority']>;

/** Action items read from a section, and the Markdown that was not one. */
export interface ActionsResult {
  actions: ActionInput[];
  leftover: string[];
  warnings: string[];
}

/** The text of a list item as written, without its task-list checkbox. */
export function itemText(source: string, item: ListItem): string {
  return sliceNodes(source, item.children)
    .replace(/^\[[ xX]\]\s+/, '')
    .trim();
}

/** Maps status words (`Done`, `✅`, `WIP`, `Won't do`) to an action status. */
export function actionStatus(text: string): ActionStatus | null {
  const value = text.toLowerCase();
  if (/won'?t|\bwont\b|cancel|reject|not planned|dropped|obsolete/.test(value)) return 'wont-do';
  if (/not (yet )?started/.test(value)) return 'open';
  if (/in[- ]?progress|\bwip\b|ongoing|\bstarted\b|\bdoing\b/.test(value)) return 'in-progress';
  if (/\bdone\b|complete|\bclosed\b|\bfixed\b|resolved|finished|merged|shipped|\u2705|\u2714|\[x\]/.test(value)) return 'done';
  if (/\bopen\b|\btodo\b|to do|planned|pending|backlog|\bnew\b/.test(value)) return 'open';
  return null;
}

/** Maps `P1`, `High`, `critical` to a priority. */
export function actionPriority(text: string): Priority | null {
  const value = text.toLowerCase();
  if (/\bp[01]\b|\bhigh\b|critical|urgent|blocker/.test(value)) return 'high';
  if (/\bp2\b|\bmedium\b|\bnormal\b|moderate/.test(value)) return 'medium';
  if (/\bp[34]\b|\blow\b|\bminor\b|\boptional\b|nice to have/.test(value)) return 'low';
  return null;
}

function trackerIn(text: string): string | null {
  const url = /https?:\/\/[^\s)>\]]+/.exec(text);
  if (url) return url[0];
  const key = /\b[A-Z][A-Z0-9]{1,9}-\d+\b/.exec(text);
  if (key) return key[0];
  const issue = /(?:^|\s)(#\d+)\b/.exec(text);
  return issue?.[1] ?? null;
}

function ownerIn(text: string): string | null {
  const labelled = /\b(?:owner|assignee|assigned to|responsible)\s*[:=]\s*\**\s*([^,;)\]\n*]+)/i.exec(text);
  if (labelled?.[1]) return labelled[1].trim();
  const mention = /(?:^|[\s(])@([\w.-]+)/.exec(text);
  return mention?.[1] ?? null;
}

function dueIn(text: string): string | null {
  const labelled = /\b(?:due|deadline|by|eta)\b\s*:?\s*([^\n,;)]{6,30})/i.exec(text);
  return labelled?.[1] ? findDate(labelled[1]) : null;
}

/** One action from a list item; owner, due date and tracker are read from its words. */
function actionFromItem(source: string, item: ListItem, priority: Priority | null): ActionInput | null {
  const text = itemText(source, item);
  if (!text) return null;
  const action: ActionInput = { text, status: item.checked === true ? 'done' : 'open' };
  const owner = ownerIn(text);
  if (owner) action.owner = owner;
  const due = dueIn(text);
  if (due) action.due = due;
  const tracker = trackerIn(text);
  if (tracker) action.tracker = tracker;
  const written = actionPriority(/priority\s*:?\s*(\w+)|\b(p[0-4])\b/i.exec(text)?.[0] ?? '') ?? priority;
  if (written) action.priority = written;
  return action;
}

const COLUMNS: ReadonlyArray<readonly [keyof ActionInput, RegExp]> = [
  ['owner', /owner|assignee|who|responsible/i],
  ['tracker', /bug|ticket|tracker|issue|link|jira|pr\b/i],
  ['due', /due|deadline|eta|target/i],
  ['status', /status|state|done/i],
  ['priority', /priority|pri\b|severity/i],
  ['text', /action|item|task|what|description|todo|step|change/i],
];

function actionsFromTable(source: string, table: Table, result: ActionsResult): boolean {
  const [header, ...rows] = table.children;
  if (!header) return false;
  const roles = new Map<number, keyof ActionInput>();
  header.children.forEach((cell, index) => {
    const title = plainText(cell);
    const role = COLUMNS.find(([field, pattern]) => pattern.test(title) && ![...roles.values()].includes(field));
    if (role) roles.set(index, role[0]);
  });
  if (![...roles.values()].includes('text')) return false;
  for (const row of rows) {
    const cells = row.children.map((cell) => sliceNodes(source, cell.children).trim());
    const action: ActionInput = { text: '' };
    const extras: string[] = [];
    cells.forEach((value, index) => {
      if (!value) return;
      const role = roles.get(index);
      if (role === 'text') action.text = value;
      else if (role === 'owner') action.owner = value;
      else if (role === 'tracker') action.tracker = trackerIn(value) ?? value;
      else if (role === 'due') {
        const due = findDate(value);
        if (due) action.due = due;
        else extras.push(`(due: ${value})`);
      } else if (role === 'status') {
        const status = actionStatus(value);
        if (status) action.status = status;
        else extras.push(`(status: ${value})`);
      } else if (role === 'priority') {
        const priority = actionPriority(value);
        if (priority) action.priority = priority;
        else extras.push(`(priority: ${value})`);
      } else extras.push(`(${plainText(header.children[index] ?? { type: 'text', value: `Column ${index + 1}` }).trim()}: ${value})`);
    });
    action.text = [action.text, ...extras].filter(Boolean).join(' ');
    if (action.text.trim()) result.actions.push(action);
  }
  return true;
}

/**
 * Reads action items from task lists (`- [ ]` open, `- [x]` done), plain lists
 * and tables with action/owner/ticket/due/status columns. Sub-headings are read
 * the same way; a heading saying "optional" makes its items low priority.
 */
export function parseActions(section: OutlineSection, source: string): ActionsResult {
  const result: ActionsResult = { actions: [], leftover: [], warnings: [] };
  readActions(section, source, result, actionPriority(section.heading));
  return result;
}

function readActions(section: OutlineSection, source: string, result: ActionsResult, priority: Priority | null): void {
  for (const node of section.content) readNode(node, source, result, priority);
  for (const child of section.children) {
    const before = result.actions.length;
    const leftover = result.leftover.length;
    readActions(child, source, result, actionPriority(child.heading) ?? priority);
    if (result.actions.length === before && result.leftover.length > leftover) {
      result.leftover.splice(leftover);
      result.leftover.push(source.slice(child.start, child.end).trim());
    }
  }
}

function readNode(node: RootContent, source: string, result: ActionsResult, priority: Priority | null): void {
  if (node.type === 'list') {
    for (const item of node.children) {
      const action = actionFromItem(source, item, priority);
      if (action) result.actions.push(action);
    }
    return;
  }
  if (node.type === 'table' && actionsFromTable(source, node, result)) return;
  if (node.type === 'thematicBreak') return;
  const text = sliceNodes(source, [node]).trim();
  if (text) result.leftover.push(text);
}
