import { describe, expect, it } from 'vitest';
import { parseMarkdownPostmortem } from '../../src/markdown/index.js';
import { incidentSchema } from '../../src/record/schema.js';

function importChecks(markdown: string) {
  const { record, report } = parseMarkdownPostmortem(markdown, { fileName: 'pm.md' });
  expect(incidentSchema.safeParse(record).success).toBe(true);
  return { checks: record.evidence?.checks ?? [], record, report };
}

describe('endpoint tables become checks', () => {
  it('reads URL, method, expectation, result, status code and pass/fail from any such table', () => {
    const { checks, record } = importChecks(`# API outage on 2026-02-03

## Verification

| URL | Method | Expected | Response | HTTP Status | Result |
|-----|--------|----------|----------|-------------|--------|
| https://api.example.com/health | GET | 200 | healthy | 200 | ✅ |
| https://api.example.com/orders | POST | not 404 | validation error | 422 | pass |
| https://api.example.com/admin | GET | 2xx | forbidden | 403 | FAIL |
`);
    expect(checks).toEqual([
      {
        url: 'https://api.example.com/health',
        method: 'GET',
        expect: '200',
        expect_status: '200',
        result: 'healthy',
        status_code: 200,
        passed: true,
        phase: 'after',
      },
      {
        url: 'https://api.example.com/orders',
        method: 'POST',
        expect: 'not 404',
        expect_status: 'not-404',
        result: 'validation error',
        status_code: 422,
        passed: true,
        phase: 'after',
      },
      {
        url: 'https://api.example.com/admin',
        method: 'GET',
        expect: '2xx',
        expect_status: '2xx',
        result: 'forbidden',
        status_code: 403,
        passed: false,
        phase: 'after',
      },
    ]);
    expect(record.sections).toEqual([]);
  });

  it('takes "GET /path" cells, a base URL the document names, and "before" headings', () => {
    const { checks, record, report } = importChecks(`# Outage

**Base URL:** https://shop.example.com/

## Checks before the fix

| Endpoint | Status |
|----------|--------|
| \`POST /cart\` | 502 |

Everything failed.
`);
    expect(checks).toEqual([{ url: 'https://shop.example.com/cart', method: 'POST', status_code: 502, passed: false, phase: 'before' }]);
    expect(record.sections).toEqual([{ heading: 'Checks before the fix', body: 'Everything failed.', after: 'verification' }]);
    expect(report.recognised).toContain('checks ("Checks before the fix": 1)');
  });

  it('leaves other tables alone', () => {
    const { checks, record } = importChecks('# X\n\n## Services\n\n| Service | Status |\n|---|---|\n| api | up |\n');
    expect(checks).toEqual([]);
    expect(record.sections?.[0]?.body).toContain('| api | up |');
  });
});
