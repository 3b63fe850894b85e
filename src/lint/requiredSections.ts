import { classifyHeading, lessonCategory, normaliseHeading, type SectionKind } from '../markdown/headingKind.js';

/** A section found in a document: its heading (or label) as written and what it is about. */
export interface FoundSection {
  heading: string;
  kind: SectionKind | null;
}

/** Short names the heading classifier does not take on their own. */
const ALIASES: Record<string, SectionKind> = {
  lessons: 'lessons',
  lesson: 'lessons',
  causes: 'factors',
  cause: 'factors',
  'root cause analysis': 'factors',
  resolution: 'solution',
  detection: 'detection',
  actions: 'actions',
};

/** The kind a required-section name stands for, or null for a custom section matched by its name. */
export function requiredKind(name: string): SectionKind | null {
  return classifyHeading(name) ?? ALIASES[normaliseHeading(name)] ?? null;
}

/**
 * Whether a document has the required section, matched by meaning: "root
 * causes" is satisfied by "Contributing Factors", "action items" by "Next
 * Steps", "lessons" by "What went well". A "what went well" requirement needs
 * that category; a name the classifier does not know needs a heading with
 * the same words.
 */
export function hasSection(required: string, found: readonly FoundSection[]): boolean {
  const kind = requiredKind(required);
  if (kind === null) {
    const wanted = normaliseHeading(required);
    return found.some((section) => normaliseHeading(section.heading) === wanted);
  }
  if (kind === 'lesson-category') {
    const category = lessonCategory(required);
    return found.some((section) => section.kind === 'lesson-category' && lessonCategory(section.heading) === category);
  }
  if (kind === 'lessons') return found.some((section) => section.kind === 'lessons' || section.kind === 'lesson-category');
  return found.some((section) => section.kind === kind);
}
