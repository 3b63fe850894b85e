import type { Nodes, Root, RootContent } from 'mdast';
import { classifyHeading, lessonCategory } from './headingKind.js';

/** One heading (or bold-only paragraph standing in for one) and what it holds. */
export interface OutlineSection {
  heading: string;
  depth: number;
  /** Offset where the heading starts and where its own content starts. */
  start: number;
  contentStart: number;
  /** Offset after the last node of the section, sub-sections included. */
  end: number;
  /** Nodes before the first sub-section. */
  content: RootContent[];
  children: OutlineSection[];
}

/** The document as a title, a preamble and a tree of sections. */
export interface Outline {
  title: string | null;
  preamble: RootContent[];
  sections: OutlineSection[];
}

/** Offsets of a node in the source (0 when remark gave none). */
export function startOf(node: Nodes): number {
  return node.position?.start.offset ?? 0;
}
/** Offset just after a node (0 when remark gave none). */
export function endOf(node: Nodes): number {
  return node.position?.end.offset ?? 0;
}

/** The source text of a run of sibling nodes, exactly as written. */
export function sliceNodes(source: string, nodes: readonly Nodes[]): string {
  const first = nodes[0];
  const last = nodes[nodes.length - 1];
  if (!first || !last) return '';
  return source.slice(startOf(first), endOf(last));
}

/** Plain text of a node: what a reader sees, without markup. */
export function plainText(node: Nodes): string {
  if (node.type === 'break') return '\n';
  if ('value' in node && typeof node.value === 'string') return node.type === 'html' ? '' : node.value;
  if (node.type === 'image') return node.alt ?? '';
  if ('children' in node) return (node.children as Nodes[]).map(plainText).join('');
  return '';
}

/** A paragraph holding only bold (or italic) text, such as `**Timeline**` or `**What went well:**`. */
function boldHeading(node: RootContent): string | null {
  if (node.type !== 'paragraph') return null;
  const parts = node.children.filter((child) => !(child.type === 'text' && /^[\s:]*$/.test(child.value)));
  const only = parts[0];
  if (parts.length !== 1 || !only || (only.type !== 'strong' && only.type !== 'emphasis')) return null;
  const text = plainText(only).replace(/:\s*$/, '').trim();
  if (!text || text.length > 60 || text.includes('\n')) return null;
  if (classifyHeading(text) !== null) return text;
  const category = lessonCategory(text);
  return ['went-well', 'went-wrong', 'lucky'].includes(category) ? text : null;
}

/**
 * Builds the outline: a leading h1 is the title, the nodes before the first other
 * heading are the preamble, and every heading (ATX, setext, or a bold-only
 * paragraph naming a known section) opens a section nested by depth.
 */
export function buildOutline(tree: Root): Outline {
  const outline: Outline = { title: null, preamble: [], sections: [] };
  const stack: OutlineSection[] = [];
  let realDepth = 0;
  let seenHeading = false;
  for (const node of tree.children) {
    if (node.type === 'definition' && !seenHeading && outline.preamble.length === 0) continue;
    let heading: string | null = null;
    let depth = 0;
    if (node.type === 'heading') {
      heading = plainText(node).trim();
      depth = node.depth;
      if (!seenHeading && depth === 1 && outline.title === null && heading) {
        outline.title = heading;
        seenHeading = true;
        continue;
      }
      realDepth = depth;
    } else {
      heading = boldHeading(node);
      depth = realDepth + 1;
    }
    if (heading !== null && heading !== '') {
      seenHeading = true;
      const section: OutlineSection = {
        heading,
        depth,
        start: startOf(node),
        contentStart: endOf(node),
        end: endOf(node),
        content: [],
        children: [],
      };
      while (stack.length > 0 && (stack[stack.length - 1]?.depth ?? 0) >= depth) stack.pop();
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(section);
      else outline.sections.push(section);
      stack.push(section);
      for (const open of stack) open.end = section.end;
      continue;
    }
    const current = stack[stack.length - 1];
    if (!current) {
      outline.preamble.push(node);
      continue;
    }
    // The deepest open section holds the node (content after a sub-section belongs to it).
    current.content.push(node);
    for (const open of stack) open.end = endOf(node);
  }
  return outline;
}

/** Whether a section or any section under it names a known kind. */
export function hasRecognised(section: OutlineSection): boolean {
  return classifyHeading(section.heading) !== null || section.children.some(hasRecognised);
}
