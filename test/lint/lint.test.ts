import { describe, expect, it } from 'vitest';
import { formatFindings, lintIncident, lintMarkdown } from '../../src/lint/lint.js';
import { findPlaceholders, isPlaceholderValue } from '../../src/lint/placeholders.js';
import { hasSection } from '../../src/lint/requiredSections.js';
import { classifyHeading } from '../../src/markdown/headingKind.js';
import { makeIncident, seedIncident } from '../helpers/records.js';

const REQUIRED = { requiredSections: ['summary', 'impact', 'root causes', 'timeline', 'action items'] };

const CLEAN = `# Login outage

## Summary

Logins failed for 45 minutes.

## Impact

All users of the web app.

## Contributing Factors

- The certificate expired.

## Timeline

| Time | Event |
|------|-------|
| 10:00 | Alert fired |

## Next Steps

- [ ] Monitor certificate expiry (owner: @alice, due 2026-03-01)
- [x] Renew the certificate
`;

describe('lintMarkdown', () => {
  it('finds nothing in a complete document; sections match by meaning', () => {
    expect(lintMarkdown(CLEAN, REQUIRED)).toEqual([]);
  });

  it('reports each rule with its line and section', () => {
    const text = `# Draft

**Summary:** TODO

## What happened

## Timeline

| Time | Event | Status |
|------|-------|--------|
| 10:00 | Alert | fired | extra |
| 10:05 | Fix |

## Action Items

- [ ] Add an alert
- [ ] Rotate keys (owner: @bob, due TBD)

\`\`\`
TODO in code is fine
\`\`\`

Fill <fill in the customer count> and {{impact}} and [placeholder].
`;
    expect(lintMarkdown(text, REQUIRED)).toEqual([
      { rule: 'missing-section', severity: 'error', message: 'required section "impact" is missing' },
      { rule: 'missing-section', severity: 'error', message: 'required section "root causes" is missing' },
      {
        rule: 'broken-table',
        severity: 'error',
        message: 'table row has 4 cells, the header has 3 (escape a | inside a cell as \\|)',
        section: 'Timeline',
        line: 11,
      },
      {
        rule: 'broken-table',
        severity: 'error',
        message: 'table row has 2 cells, the header has 3 (escape a | inside a cell as \\|)',
        section: 'Timeline',
        line: 12,
      },
      { rule: 'action-owner', severity: 'error', message: 'action item 1 "Add an alert" has no owner', section: 'Action Items', line: 16 },
      { rule: 'action-due', severity: 'error', message: 'action item 1 "Add an alert" has no due date', section: 'Action Items', line: 16 },
      {
        rule: 'action-due',
        severity: 'error',
        message: 'action item 2 "Rotate keys (owner: @bob, due TBD)" has no due date',
        section: 'Action Items',
        line: 17,
      },
      { rule: 'placeholder', severity: 'warning', message: 'leftover placeholder "TODO"', line: 3 },
      { rule: 'empty-section', severity: 'warning', message: 'section "What happened" is empty', section: 'What happened', line: 5 },
      { rule: 'placeholder', severity: 'warning', message: 'leftover placeholder "TBD"', section: 'Action Items', line: 17 },
      { rule: 'placeholder', severity: 'warning', message: 'leftover placeholder "<fill in the customer count>"', section: 'Action Items', line: 23 },
      { rule: 'placeholder', severity: 'warning', message: 'leftover placeholder "{{impact}}"', section: 'Action Items', line: 23 },
      { rule: 'placeholder', severity: 'warning', message: 'leftover placeholder "[placeholder]"', section: 'Action Items', line: 23 },
    ]);
  });

  it('reads the corpus template as what it is: empty sections and placeholders', () => {
    const text =
      '# Incident Title\n\n## Summary\n\n## Timeline\n\n| Time | Event |\n| :--- | --- |\n| 20xx-MM-DD HH:mm | Short event description |\n\n## Contributing Factors\n\n-\n\n## Action Items\n\n-\n';
    expect(lintMarkdown(text, { requiredSections: [] }).map((f) => `${f.line} ${f.rule} ${f.message}`)).toEqual([
      '3 empty-section section "Summary" is empty',
      '9 placeholder leftover placeholder "20xx-MM-DD"',
      '9 placeholder leftover placeholder "HH:mm"',
      '11 empty-section section "Contributing Factors" is empty',
      '15 empty-section section "Action Items" is empty',
    ]);
  });

  it('flags pipe lines with no delimiter row, which render as text', () => {
    const findings = lintMarkdown('## Timeline\n\n| 10:00 | Alert |\n| 10:05 | Fix |\n', { requiredSections: [] });
    expect(findings.map((f) => [f.rule, f.line])).toEqual([['broken-table', 3]]);
  });

  it('takes `**Label:** value` lines and bold headings as sections (a chat update)', () => {
    const text = '**[Resolved] Outage**\n\n**Status:** Resolved\\\n**Impact:** checkout was down\n';
    expect(lintMarkdown(text, { requiredSections: ['status', 'impact'] })).toEqual([]);
    expect(lintMarkdown(text, { requiredSections: ['next update'] })[0]?.message).toBe('required section "next update" is missing');
  });

  it('uses the template manifest when no override is given', () => {
    const rules = lintMarkdown('# T\n\n## Summary\n\nText.\n', { template: 'sre' }).filter((f) => f.rule === 'missing-section');
    expect(rules.map((f) => f.message)).toEqual(
      ['impact', 'root causes', 'trigger', 'resolution', 'detection', 'action items', 'lessons', 'timeline'].map((n) => `required section "${n}" is missing`),
    );
  });
});

describe('required sections by meaning', () => {
  const found = (...headings: string[]) => headings.map((heading) => ({ heading, kind: classifyHeading(heading) }));
  it.each([
    ['root causes', 'Contributing Factors'],
    ['root cause', 'Root Cause Analysis'],
    ['action items', 'Next Steps'],
    ['action items', 'Prevention'],
    ['resolution', 'Solution Implemented'],
    ['lessons', 'What went well'],
    ['summary', 'What happened'],
    ['what went well', 'Things that went well'],
    ['Customer communication', '3. Customer Communication'],
  ])('"%s" is met by "%s"', (required, heading) => {
    expect(hasSection(required, found(heading))).toBe(true);
  });
  it('"what went well" is not met by "what went wrong"', () => {
    expect(hasSection('what went well', found('What went wrong'))).toBe(false);
  });
});

describe('placeholders', () => {
  it('finds the usual shapes and leaves ordinary words alone', () => {
    expect(findPlaceholders('TODO: x, TBD, FIXME, <fill in>, <insert date>, {{ owner }}, [placeholder], [Insert link], Lorem ipsum')).toEqual([
      'TODO',
      'TBD',
      'FIXME',
      '<fill in>',
      '<insert date>',
      '{{ owner }}',
      '[placeholder]',
      '[Insert link]',
      'Lorem ipsum',
    ]);
    expect(findPlaceholders('| 20xx-MM-DD HH:mm | Category: XXX, detected in YYY |')).toEqual(['20xx-MM-DD', 'HH:mm', 'XXX', 'YYY']);
    expect(findPlaceholders('a todo list, <div>, [link](x), {single}, 5XX errors, 2026-01-05 17:00')).toEqual([]);
  });
  it('treats "TBD", "?" and "unassigned" as no value', () => {
    for (const value of ['TBD', '?', '-', 'unassigned', 'n/a', '', null]) expect(isPlaceholderValue(value), String(value)).toBe(true);
    expect(isPlaceholderValue('alice')).toBe(false);
  });
});

describe('lintIncident', () => {
  it('lints the record and its render: sections by the template, actions, placeholders', () => {
    const incident = makeIncident({
      summary: 'Logins failed. TODO: add numbers',
      actions: [
        { id: 1, text: 'Monitor certificate expiry', owner: 'alice', due: '2026-03-01' },
        { id: 2, text: 'Rotate keys', owner: 'TBD' },
        { id: 3, text: 'Old', status: 'done' },
      ],
      sections: [{ heading: 'Customer communication', body: ' ' }],
    });
    expect(lintIncident(incident, { requiredSections: ['summary', 'impact', 'timeline', 'Customer communication'] })).toEqual([
      { rule: 'missing-section', severity: 'error', message: 'required section "impact" is missing' },
      { rule: 'missing-section', severity: 'error', message: 'required section "Customer communication" is missing' },
      { rule: 'action-owner', severity: 'error', message: 'action #2 "Rotate keys" has no owner', section: 'Action items' },
      { rule: 'action-due', severity: 'error', message: 'action #2 "Rotate keys" has no due date', section: 'Action items' },
      {
        rule: 'empty-section',
        severity: 'warning',
        message: 'section "Customer communication" is empty (renders nothing)',
        section: 'Customer communication',
      },
      { rule: 'placeholder', severity: 'warning', message: 'leftover placeholder "TODO"', section: 'Summary' },
      { rule: 'placeholder', severity: 'warning', message: 'leftover placeholder "TBD"', section: 'action #2 "Rotate keys"' },
    ]);
  });

  it("the seed record meets every template's required sections; its actions lack owners and due dates", () => {
    for (const template of ['default', 'sre', 'stakeholder', 'action-review']) {
      const findings = lintIncident(seedIncident(), { template, now: new Date('2026-01-06T09:00:00Z') });
      expect(new Set(findings.map((f) => f.rule)), template).toEqual(new Set(['action-owner', 'action-due']));
    }
  });
});

describe('formatFindings', () => {
  it('prints one line per finding and a summary line', () => {
    expect(
      formatFindings(
        [
          { rule: 'missing-section', severity: 'error', message: 'required section "impact" is missing' },
          { rule: 'placeholder', severity: 'warning', message: 'leftover placeholder "TODO"', section: 'Summary', line: 3 },
        ],
        'pm.md',
      ),
    ).toBe(
      'pm.md: error required section "impact" is missing [missing-section]\npm.md:3: warning leftover placeholder "TODO" (in "Summary") [placeholder]\npm.md: 1 error, 1 warning\n',
    );
    expect(formatFindings([], 'pm.md')).toBe('pm.md: no problems\n');
  });
});
