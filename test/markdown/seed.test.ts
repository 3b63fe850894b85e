import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseMarkdownPostmortem } from '../../src/markdown/index.js';
import { incidentSchema } from '../../src/record/schema.js';

/** The Railway migration 0021 report as it was found: Markdown whose emoji were read as Mac Roman. */
const NAME = 'railway-migration-0021-postmortem.md';
const text = readFileSync(fileURLToPath(new URL(`../fixtures/markdown/${NAME}`, import.meta.url)), 'utf8');
const { record, report } = parseMarkdownPostmortem(text, { fileName: NAME });

describe('seed: railway migration 0021 postmortem', () => {
  it('is mojibake before the import and clean after it', () => {
    expect(text).toContain('\u201a\u00fa\u00d6');
    expect(record.title).toBe('Railway Deployment Fix - COMPLETED \u2705');
    expect(JSON.stringify(record)).not.toMatch(/\u201a\u00fa|\u201a\u00f6|\u00fc\u00e9/);
    expect(record.solution).toContain('print("\u26a0\ufe0f  Table');
    expect(report.recognised).toContain('mojibake repaired');
  });

  it('validates, with a deterministic id', () => {
    const parsed = incidentSchema.safeParse(record);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    expect(record.id).toBe('2026-01-05-railway-deployment-fix-completed');
    expect(parseMarkdownPostmortem(text, { fileName: NAME }).record).toEqual(record);
  });

  it('reads the labels under the title', () => {
    expect(record.authors).toEqual(['DevOps Specialist (Claude Sonnet 4.5)']);
    expect(record.metrics?.slice(0, 2)).toEqual([
      { name: 'Duration', value: '~15 minutes' },
      { name: 'Status', value: 'SUCCESSFUL \u2705' },
    ]);
  });

  it('finds the 10-row timeline on 2026-01-05 UTC', () => {
    expect(record.timeline?.map((event) => event.time)).toEqual(
      ['17:00', '17:05', '17:08', '17:09', '17:10', '17:12', '17:13', '17:14', '17:15', '17:16'].map((time) => `2026-01-05T${time}:00Z`),
    );
    expect(record.timeline?.[0]).toEqual({
      time: '2026-01-05T17:00:00Z',
      text: 'Problem identified: Service CRASHED (Status: \u274c)',
      kind: 'detected',
      source: 'manual',
    });
    expect(record.timeline?.[9]?.text).toBe('Service status: SUCCESS (Status: \ud83c\udf89)');
    expect(record.metrics).toContainEqual({ name: 'Total Downtime', value: '~16 minutes (from crash to full recovery)' });
  });

  it('maps summary, root cause, solution and deployment steps', () => {
    expect(record.summary).toMatch(/^Railway backend service was \*\*CRASHED\*\*/);
    expect(record.factors?.map((factor) => factor.text)).toContain('Migration lacked existence check before table creation');
    expect(record.solution).toMatch(/^### 1\. Made Migration Idempotent/);
    expect(record.deployment).toHaveLength(8);
    expect(record.deployment?.[1]).toEqual({
      text: 'Committed fix to git:',
      status: 'done',
      detail: '```\nfix(critical): Make migration 0021 idempotent to fix Railway crash\n```',
    });
    expect(record.evidence?.warnings?.[0]?.text).toBe('`ACCESS_TOKEN_EXPIRE_MINUTES=30` too short, forced to 120 minutes');
  });

  it('keeps lessons with their categories and next steps as actions', () => {
    const categories = [...new Set(record.lessons?.map((lesson) => lesson.category))];
    expect(categories).toEqual(['Problem', 'Solution', 'Prevention']);
    expect(record.lessons?.[0]).toEqual({ text: 'Non-idempotent migrations cause production crashes', category: 'Problem' });
    expect(record.actions).toHaveLength(8);
    expect(record.actions?.[0]).toEqual({ text: '**Add Redis** - Configure Redis for rate limiting and caching', status: 'open', priority: 'low' });
  });

  it('turns the endpoint table into checks after the fix, against the service URL the report names', () => {
    const BASE = 'https://mita-production-production.up.railway.app';
    const checks = record.evidence?.checks ?? [];
    expect(
      checks.map((check) => [check.method, check.url.replace(BASE, ''), check.expect_status ?? null, check.status_code ?? null, check.passed, check.phase]),
    ).toEqual([
      ['GET', '/', null, null, true, 'after'],
      ['GET', '/health', null, null, true, 'after'],
      ['GET', '/docs', '200', 200, true, 'after'],
      ['GET', '/openapi.json', null, null, true, 'after'],
      ['GET', '/api/auth/register', 'not-404', null, true, 'after'],
      ['GET', '/api/budgets/', 'not-404', null, true, 'after'],
    ]);
    expect(checks[0]).toEqual({
      url: `${BASE}/`,
      method: 'GET',
      expect: 'FastAPI JSON',
      result: '`{"status":"healthy","service":"Mita Finance API"...}`',
      passed: true,
      phase: 'after',
    });
    expect(report.recognised).toContain('checks ("Endpoint Tests": 6)');
  });

  it('keeps the rest of the verification section and the other unrecognised sections verbatim', () => {
    const verification = record.sections?.find((section) => section.heading === 'Verification Results');
    expect(verification?.body).not.toContain('| `/health` |');
    // The sub-section left with one sentence loses its heading; the checks table takes its place.
    expect(verification?.body).not.toContain('### Endpoint Tests');
    expect(verification?.body).toMatch(/```\n\n\*\*All endpoints now return proper responses instead of 404 errors!\*\*$/);
    expect(verification?.body).toContain('### Migration Logs');
    expect(verification?.after).toBe('verification');
    expect(report.keptAsIs).toEqual([
      'Verification Results',
      'Environment Variables Verified',
      'Railway Configuration',
      'Technical Details',
      'Issues Resolved',
      'Commit Details',
      'Best Practices Applied',
    ]);
    expect(report.warnings).toEqual([]);
    expect(record.conclusion).toMatch(/^\*\*Problem:\*\* Railway deployment crashed/);
  });
});
