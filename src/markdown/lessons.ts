import type { RootContent } from 'mdast';
import type { IncidentInput } from '../record/schema.js';
import { itemText } from './actions.js';
import { lessonCategory } from './headingKind.js';
import { type OutlineSection, sliceNodes } from './outline.js';

/** A lesson as the record accepts it. */
export type LessonInput = NonNullable<IncidentInput['lessons']>[number];

/** Lessons read from a section, and the Markdown that was not one. */
export interface LessonsResult {
  lessons: LessonInput[];
  leftover: string[];
}

/**
 * Reads lessons: each list item or paragraph is one lesson. Sub-headings give the
 * category (`What went well` → `went-well`, `Problem` stays `Problem`); a top-level
 * "What went wrong" section is itself the category.
 */
export function parseLessons(section: OutlineSection, source: string, category: string | null): LessonsResult {
  const result: LessonsResult = { lessons: [], leftover: [] };
  readLessons(section, source, category, result);
  return result;
}

function readLessons(section: OutlineSection, source: string, category: string | null, result: LessonsResult): void {
  for (const node of section.content) readNode(node, source, category, result);
  for (const child of section.children) readLessons(child, source, lessonCategory(child.heading) || category, result);
}

function readNode(node: RootContent, source: string, category: string | null, result: LessonsResult): void {
  const push = (text: string) => {
    if (text.trim()) result.lessons.push({ text: text.trim(), category });
  };
  if (node.type === 'list') {
    for (const item of node.children) push(itemText(source, item));
    return;
  }
  if (node.type === 'paragraph') {
    push(sliceNodes(source, [node]));
    return;
  }
  if (node.type === 'thematicBreak') return;
  const text = sliceNodes(source, [node]).trim();
  if (text) result.leftover.push(text);
}
