import type { Heading, ListItem, Nodes, Root, Table } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { incidentSchema } from '../../src/record/schema.js';
import { renderIncident } from '../../src/render/render.js';
import { seedIncident } from '../helpers/records.js';

/** The rendered report read back by a real GFM parser: the structure must be what a reader sees. */
function parse(markdown: string): Root {
  return unified().use(remarkParse).use(remarkGfm).parse(markdown);
}

/** Plain text of a node; hard breaks and `<br>` read as newlines. */
function text(node: Nodes): string {
  if (node.type === 'html' && /^<br\s*\/?>$/i.test(node.value)) return '\n';
  if ('value' in node) return node.value;
  if (node.type === 'break') return '\n';
  return 'children' in node ? node.children.map((child) => text(child)).join('') : '';
}

function tableAfter(tree: Root, headingText: string): Table {
  const index = tree.children.findIndex((node) => node.type === 'heading' && text(node) === headingText);
  const table = tree.children.slice(index + 1).find((node): node is Table => node.type === 'table');
  if (index < 0 || !table) throw new Error(`no table after heading "${headingText}"`);
  return table;
}

function cells(table: Table): string[][] {
  return table.children.map((row) => row.children.map((cell) => text(cell)));
}

describe('the rendered seed report, parsed as GFM', () => {
  const tree = parse(renderIncident(seedIncident()));

  it('has its sections in the seed report order, extra sections in place', () => {
    const headings = tree.children.filter((n): n is Heading => n.type === 'heading' && n.depth <= 2).map((h) => text(h));
    expect(headings).toEqual([
      'Railway deployment crashed: migration 0021 DuplicateTable',
      'Problem Summary',
      'Root Cause Analysis',
      'Solution Implemented',
      'Deployment Process',
      'Verification Results',
      'Environment Variables Verified',
      'Service Health',
      'Railway Configuration',
      'Technical Details',
      'Issues Resolved',
      'Warnings (Non-Blocking)',
      'Commit Details',
      'Timeline',
      'Best Practices Applied',
      'Lessons Learned',
      'Prevention',
      'Next Steps',
      'Success Metrics',
      'Conclusion',
      'Links',
    ]);
  });

  it('keeps the header fields on separate lines of one paragraph', () => {
    const header = tree.children[1];
    expect(header?.type).toBe('paragraph');
    expect(text(header as Nodes).split('\n')).toEqual([
      'Date: January 5, 2026',
      'Author: DevOps Specialist (Claude Sonnet 4.5)',
      'Severity: SEV1',
      'Status: Published',
      'Service: mita-production',
      'Environment: production',
      'Duration: 16 min',
    ]);
  });

  it('has an endpoint table of 6 rows by 4 cells', () => {
    const table = tableAfter(tree, 'Endpoint Tests');
    const [head, ...rows] = cells(table);
    expect(head).toEqual(['Endpoint', 'Expected', 'Result', 'Status']);
    expect(rows).toHaveLength(6);
    for (const row of rows) expect(row).toHaveLength(4);
    expect(rows[4]).toEqual(['POST /api/auth/register', 'Validation error (not 404)', 'VALIDATION_2002 error with field details (HTTP 422)', '✅ PASS']);
  });

  it('has a timeline table of 10 rows, then the downtime', () => {
    const table = tableAfter(tree, 'Timeline');
    const [head, ...rows] = cells(table);
    expect(head).toEqual(['Time (UTC)', 'Event', 'Status']);
    expect(rows).toHaveLength(10);
    expect(rows[0]).toEqual(['17:00', 'Problem identified: Service CRASHED', '❌']);
    expect(rows[9]).toEqual(['17:16', 'Service status: SUCCESS', '🎉']);
    const after = tree.children[tree.children.indexOf(table) + 1];
    expect(text(after as Nodes).split('\n')[0]).toBe('Total Downtime: 16 min');
  });

  it('nests a step detail as a code block inside its list item', () => {
    const index = tree.children.findIndex((n) => n.type === 'heading' && text(n) === 'Deployment Process');
    const list = tree.children[index + 1];
    if (list?.type !== 'list') throw new Error('no list after Deployment Process');
    expect(list.ordered).toBe(true);
    expect(list.children).toHaveLength(8);
    const step: ListItem | undefined = list.children[1];
    expect(step?.children.map((n) => n.type)).toEqual(['paragraph', 'code']);
    expect(text(step?.children[1] as Nodes)).toBe('fix(critical): Make migration 0021 idempotent to fix Railway crash');
  });

  it('shows the diff as a python code block', () => {
    const code = tree.children.find((n) => n.type === 'code' && n.lang === 'python');
    expect(code && text(code)).toMatch(/^def upgrade\(\):\n[\s\S]*skipping creation"\)$/);
  });
});

describe('hostile table content', () => {
  it('keeps the cell count and the text when a result holds a pipe and a newline', () => {
    const incident = incidentSchema.parse({
      id: 'pipes',
      title: 'Pipes',
      evidence: {
        checks: [
          { url: 'https://x.test/a|b', expect: 'x | y', result: 'a | b\nsecond line', passed: false, status_code: 502 },
          { url: 'https://x.test/ok', result: '`c|d`', passed: true },
        ],
      },
      timeline: [{ time: '2026-01-01T00:00:00Z', text: 'one | two\nthree' }],
    });
    const tree = parse(renderIncident(incident));
    const [, ...rows] = cells(tableAfter(tree, 'Endpoint Tests'));
    expect(rows).toEqual([
      ['/a|b', 'x | y', 'a | b\nsecond line (HTTP 502)', '❌ FAIL'],
      ['/ok', '—', 'c|d', '✅ PASS'],
    ]);
    const [, timelineRow] = cells(tableAfter(tree, 'Timeline'));
    expect(timelineRow).toEqual(['00:00', 'one | two\nthree', '📝']);
  });
});
