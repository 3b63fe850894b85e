import type { Nodes, Root, RootContent } from 'mdast';
import { labelLines } from '../markdown/blocks.js';
import { classifyHeading } from '../markdown/headingKind.js';
import { buildOutline, type Outline, type OutlineSection, plainText, sliceNodes } from '../markdown/outline.js';
import { parseMarkdownTree } from '../markdown/parseTree.js';
import { findPlaceholders } from './placeholders.js';
import type { FoundSection } from './requiredSections.js';
import type { LintFinding } from './types.js';

/** A parsed Markdown document, ready for the checks below. */
export interface MarkdownDoc {
  source: string;
  tree: Root;
  outline: Outline;
}

/** Parses Markdown (GFM) the way the import does. */
export function parseDoc(source: string): MarkdownDoc {
  const tree = parseMarkdownTree(source);
  return { source, tree, outline: buildOutline(tree) };
}

function lineOf(node: Nodes): number | undefined {
  return node.position?.start.line;
}

function flatten(sections: readonly OutlineSection[]): OutlineSection[] {
  return sections.flatMap((section) => [section, ...flatten(section.children)]);
}

/** The heading of the deepest section holding an offset, if any. */
export function sectionAt(doc: MarkdownDoc, offset: number): string | undefined {
  let found: OutlineSection | undefined;
  let level = doc.outline.sections;
  for (;;) {
    const inside = level.find((section) => section.start <= offset && offset <= section.end);
    if (!inside) return found?.heading;
    found = inside;
    level = inside.children;
  }
}

/**
 * Sections the document has: headings (ATX, setext, bold-only paragraphs, as
 * the import reads them) and `**Label:** value` lines, each with its kind.
 */
export function foundSections(doc: MarkdownDoc): FoundSection[] {
  const found: FoundSection[] = flatten(doc.outline.sections).map((section) => ({ heading: section.heading, kind: classifyHeading(section.heading) }));
  const visit = (nodes: readonly RootContent[]) => {
    for (const node of nodes) {
      if (node.type === 'paragraph') {
        for (const line of sliceNodes(doc.source, [node]).split(/\r?\n/)) {
          const label = labelLines(line)?.[0];
          if (label && label.value.trim() !== '') found.push({ heading: label.name, kind: classifyHeading(label.name) });
        }
      } else if (node.type === 'list' || node.type === 'listItem' || node.type === 'blockquote') visit(node.children as RootContent[]);
    }
  };
  visit(doc.tree.children);
  return found;
}

/** Sections with nothing under them: no content (a rule, a comment or an empty list item does not count) and no sub-section. */
export function emptySectionFindings(doc: MarkdownDoc): LintFinding[] {
  return flatten(doc.outline.sections)
    .filter((section) => section.children.length === 0 && section.content.every(isBlank))
    .map((section) => ({
      rule: 'empty-section',
      severity: 'warning',
      message: `section "${section.heading}" is empty`,
      section: section.heading,
      line: lineAt(doc.source, section.start),
    }));
}

/** A rule, an HTML comment, or a list whose items are all empty (`-` left in a template). */
function isBlank(node: RootContent): boolean {
  if (node.type === 'thematicBreak') return true;
  if (node.type === 'html') return /^\s*<!--[\s\S]*-->\s*$/.test(node.value);
  if (node.type === 'list') return node.children.every((item) => item.children.length === 0 || plainText(item).trim() === '');
  return false;
}

/** 1-based line of an offset. */
export function lineAt(source: string, offset: number): number {
  let line = 1;
  for (let i = source.indexOf('\n'); i !== -1 && i < offset; i = source.indexOf('\n', i + 1)) line += 1;
  return line;
}

/**
 * Broken tables: a row whose cell count differs from the header's (GFM then
 * drops or invents cells silently), and pipe-delimited lines with no
 * delimiter row, which render as one paragraph instead of a table.
 */
export function tableFindings(doc: MarkdownDoc): LintFinding[] {
  const findings: LintFinding[] = [];
  walk(doc.tree, (node) => {
    if (node.type === 'table') {
      const [header, ...rows] = node.children;
      const columns = header?.children.length ?? 0;
      for (const row of rows) {
        if (row.children.length === columns) continue;
        findings.push({
          rule: 'broken-table',
          severity: 'error',
          message: `table row has ${row.children.length} cell${row.children.length === 1 ? '' : 's'}, the header has ${columns} (escape a | inside a cell as \\|)`,
          section: sectionAt(doc, row.position?.start.offset ?? 0),
          line: lineOf(row),
        });
      }
      return false;
    }
    if (node.type === 'paragraph') {
      const lines = sliceNodes(doc.source, [node]).split(/\r?\n/);
      if (lines.length >= 2 && lines.every((line) => /^\s*\|.*\|\s*$/.test(line))) {
        findings.push({
          rule: 'broken-table',
          severity: 'error',
          message: 'lines that look like a table have no delimiter row (| --- | --- |) under the header, so they render as text',
          section: sectionAt(doc, node.position?.start.offset ?? 0),
          line: lineOf(node),
        });
      }
      return true;
    }
    return true;
  });
  return findings;
}

/** Placeholders in prose, headings and HTML; code blocks and code spans are skipped. */
export function placeholderFindings(doc: MarkdownDoc): LintFinding[] {
  const findings: LintFinding[] = [];
  walk(doc.tree, (node) => {
    if (node.type === 'code' || node.type === 'inlineCode') return false;
    if (node.type === 'heading' && classifyHeading(plainText(node)) === 'actions') return false;
    if (node.type !== 'text' && node.type !== 'html') return true;
    for (const token of findPlaceholders(node.value)) {
      findings.push({
        rule: 'placeholder',
        severity: 'warning',
        message: `leftover placeholder ${JSON.stringify(token)}`,
        section: sectionAt(doc, node.position?.start.offset ?? 0),
        line: lineOf(node),
      });
    }
    return false;
  });
  return findings;
}

/** Depth-first walk; the visitor returns false to skip a node's children. */
function walk(node: Nodes, visit: (node: Nodes) => boolean): void {
  if (!visit(node)) return;
  if ('children' in node) for (const child of node.children as Nodes[]) walk(child, visit);
}
