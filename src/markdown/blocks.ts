import type { RootContent } from 'mdast';
import type { IncidentInput } from '../record/schema.js';
import { itemText } from './actions.js';
import { type OutlineSection, sliceNodes } from './outline.js';

type FactorInput = NonNullable<IncidentInput['factors']>[number];
type StepInput = NonNullable<IncidentInput['deployment']>[number];
type MetricInput = NonNullable<IncidentInput['metrics']>[number];

/** Items read from a list-shaped section, and the Markdown that was not an item. */
export interface BlockResult<T> {
  items: T[];
  leftover: string[];
}

/** Every node of a section and its sub-sections, in order. */
function allNodes(section: OutlineSection): RootContent[] {
  return [...section.content, ...section.children.flatMap(allNodes)];
}

/**
 * Contributing factors: each list item is a factor, and so is each paragraph;
 * code blocks and tables join the factor before them.
 */
export function parseFactors(section: OutlineSection, source: string): BlockResult<FactorInput> {
  const result: BlockResult<FactorInput> = { items: [], leftover: [] };
  for (const node of allNodes(section)) {
    if (node.type === 'list') {
      for (const item of node.children) {
        const text = itemText(source, item);
        if (text) result.items.push({ text });
      }
    } else if (node.type === 'paragraph') {
      const text = sliceNodes(source, [node]).trim();
      if (text) result.items.push({ text });
    } else if (node.type !== 'thematicBreak') {
      const text = sliceNodes(source, [node]).trim();
      const last = result.items[result.items.length - 1];
      if (last && text) last.text = `${last.text}\n\n${text}`;
      else if (text) result.leftover.push(text);
    }
  }
  return result;
}

const STEP_MARKS: ReadonlyArray<readonly [NonNullable<StepInput['status']>, RegExp]> = [
  ['done', /^(?:\u2705|\u2714\ufe0f?|\u2611\ufe0f?|\[x\])\s*/i],
  ['failed', /^(?:\u274c|\u2716\ufe0f?|\u26d4)\s*/],
  ['skipped', /^(?:\u23ed\ufe0f?)\s*/],
  ['pending', /^(?:\u23f3|\[ \])\s*/],
];

/** Deployment steps from list items; a leading ✅/❌/⏭️/⏳ sets the status. */
export function parseDeployment(section: OutlineSection, source: string): BlockResult<StepInput> {
  const result: BlockResult<StepInput> = { items: [], leftover: [] };
  for (const node of allNodes(section)) {
    if (node.type !== 'list') {
      const text = sliceNodes(source, [node]).trim();
      if (text && node.type !== 'thematicBreak') result.leftover.push(text);
      continue;
    }
    for (const item of node.children) {
      const [first, ...rest] = item.children;
      if (!first) continue;
      let text = sliceNodes(source, [first]).trim();
      let status: StepInput['status'] = item.checked === false ? 'pending' : 'done';
      for (const [mark, pattern] of STEP_MARKS) {
        if (pattern.test(text)) {
          status = mark;
          text = text.replace(pattern, '');
          break;
        }
      }
      if (!text) continue;
      const detail = rest.length > 0 ? dedent(sliceNodes(source, rest)) : null;
      result.items.push({ text, status, detail });
    }
  }
  return result;
}

/** Plain list items (warnings, non-blocking issues). */
export function parseListItems(section: OutlineSection, source: string): BlockResult<string> {
  const result: BlockResult<string> = { items: [], leftover: [] };
  for (const node of allNodes(section)) {
    if (node.type === 'list') {
      for (const item of node.children) {
        const text = itemText(source, item);
        if (text) result.items.push(text);
      }
    } else if (node.type !== 'thematicBreak') {
      const text = sliceNodes(source, [node]).trim();
      if (text) result.leftover.push(text);
    }
  }
  return result;
}

const LABEL_LINE = /^\s*(?:[-*+]\s+)?[^\p{L}\p{N}*_]*(?:\*\*|__)([^*_\n]{1,50}?)\s*:?\s*(?:\*\*|__)\s*:?\s*(.*?)\s*$/u;
const PLAIN_LABEL_LINE = /^\s*(?:[-*+]\s+)?([\p{L}][\p{L}\p{N} ()/&'-]{0,40}?)\s*:\s+(.+?)\s*$/u;

/** `**Name:** value`, `Name: value` or `- Name: value` as a name/value pair. */
export function labelOf(line: string): { name: string; value: string } | null {
  const bold = LABEL_LINE.exec(line);
  if (bold?.[1] && bold[2] !== undefined && /:\s*(\*\*|__)|(\*\*|__)\s*:/.test(line)) return { name: bold[1].trim(), value: bold[2] };
  const plain = PLAIN_LABEL_LINE.exec(line);
  if (plain?.[1] && plain[2]) return { name: plain[1].trim(), value: plain[2] };
  return null;
}

/** Lines of a paragraph when every one is a label; null otherwise. */
export function labelLines(text: string): Array<{ name: string; value: string }> | null {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const labels = lines.map((line) => labelOf(line.replace(/\s{2,}$|\\$/, '')));
  if (labels.length === 0 || labels.some((label) => label === null)) return null;
  return labels as Array<{ name: string; value: string }>;
}

/** Metrics (`Stats`, `Success Metrics`): `Name: value` list items and lines. */
export function parseMetrics(section: OutlineSection, source: string): BlockResult<MetricInput> {
  const result: BlockResult<MetricInput> = { items: [], leftover: [] };
  for (const node of allNodes(section)) {
    const lines =
      node.type === 'list' ? node.children.map((item) => itemText(source, item)) : node.type === 'paragraph' ? sliceNodes(source, [node]).split(/\r?\n/) : null;
    const pairs = lines?.map((line) => labelOf(line.replace(/\s{2,}$|\\$/, '')));
    if (!lines || !pairs || pairs.some((pair) => pair === null)) {
      const text = sliceNodes(source, [node]).trim();
      if (text && node.type !== 'thematicBreak') result.leftover.push(text);
      continue;
    }
    for (const pair of pairs) if (pair?.value.trim()) result.items.push({ name: pair.name, value: pair.value.trim() });
  }
  return result;
}

function dedent(text: string): string {
  const lines = text.split('\n');
  const indents = lines
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map((line) => /^ */.exec(line)?.[0].length ?? 0);
  const cut = indents.length > 0 ? Math.min(...indents) : 0;
  return lines
    .map((line, index) => (index === 0 ? line : line.slice(cut)))
    .join('\n')
    .trim();
}
