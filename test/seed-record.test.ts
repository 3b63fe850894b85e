import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { deriveDurations } from '../src/record/durations.js';
import { parseIncidentFile, serializeIncident } from '../src/record/fileForm.js';

/**
 * The seed record: the Railway migration 0021 postmortem this product was
 * designed from, reconstructed as a record file. It must stay valid and keep
 * the facts of the original report.
 */
const FILE = 'incidents/2026-01-05-migration-0021-duplicate-table.yaml';
const text = readFileSync(fileURLToPath(new URL(`../${FILE}`, import.meta.url)), 'utf8');
const incident = parseIncidentFile(text, FILE);
const BASE = 'https://mita-production-production.up.railway.app';

describe('seed record: migration 0021 DuplicateTable', () => {
  it('has the identity of the report', () => {
    expect(incident.id).toBe('2026-01-05-migration-0021-duplicate-table');
    expect(incident.status).toBe('published');
    expect(incident.services).toEqual(['mita-production']);
    expect(incident.environment).toBe('production');
    expect(incident.authors).toEqual(['DevOps Specialist (Claude Sonnet 4.5)']);
  });

  it('keeps its times in UTC, 16 minutes from start to resolution', () => {
    expect(incident.times).toEqual({
      started: '2026-01-05T17:00:00Z',
      detected: '2026-01-05T17:00:00Z',
      mitigated: '2026-01-05T17:14:00Z',
      resolved: '2026-01-05T17:16:00Z',
    });
    const durations = deriveDurations(incident.times);
    expect(durations.downtime).toBe(16 * 60_000);
    expect(durations.timeToMitigate).toBe(14 * 60_000);
  });

  it('names the non-idempotent migration as the first factor and the startup migration as the trigger', () => {
    expect(incident.factors.length).toBeGreaterThanOrEqual(3);
    expect(incident.factors[0]?.text).toMatch(/Migration 0021.*not idempotent/);
    expect(incident.trigger).toContain('alembic upgrade head');
    expect(incident.summary).toContain('psycopg2.errors.DuplicateTable');
    expect(incident.summary).toContain('17822707-af64-4b64-8736-e4361417aeb6');
  });

  it('records the fix commit with its files and code', () => {
    expect(incident.evidence.commits).toHaveLength(1);
    const [commit] = incident.evidence.commits;
    expect(commit).toMatchObject({
      hash: '8ffb275',
      subject: 'fix(critical): Make migration 0021 idempotent to fix Railway crash',
      fix: true,
      committed_at: '2026-01-05T17:09:00Z',
      diff_language: 'python',
      files: [{ path: 'alembic/versions/0021_add_habit_completions_table.py', insertions: 27, deletions: 18 }],
    });
    expect(commit?.diff).toContain(`print("⚠️  Table 'habit_completions' already exists, skipping creation")`);
  });

  it('records the six endpoint checks, all passed after the fix', () => {
    const checks = incident.evidence.checks;
    expect(checks).toHaveLength(6);
    expect(checks.every((check) => check.passed && check.phase === 'after')).toBe(true);
    expect(checks.map((check) => [check.method, check.url.replace(BASE, ''), check.expect_status, check.status_code])).toEqual([
      ['GET', '/', '200', 200],
      ['GET', '/health', '200', 200],
      ['GET', '/docs', '200', 200],
      ['GET', '/openapi.json', '200', 200],
      ['POST', '/api/auth/register', 'not-404', 422],
      ['GET', '/api/budgets/', 'not-404', 401],
    ]);
  });

  it('records environment variables by name and shape, never by value', () => {
    const env = incident.evidence.env;
    expect(env.filter((item) => item.required).map((item) => item.name)).toEqual(['DATABASE_URL', 'SECRET_KEY', 'JWT_SECRET', 'OPENAI_API_KEY', 'ENVIRONMENT']);
    expect(env.filter((item) => !item.required).map((item) => item.name)).toEqual(['FIREBASE_JSON', 'GOOGLE_CLIENT_ID', 'SMTP_*']);
    expect(env.every((item) => item.set)).toBe(true);
    expect(env.find((item) => item.name === 'SECRET_KEY')?.shape).toBe('64-char hex');
  });

  it('keeps the log lines, the warnings and the timeline', () => {
    const logs = incident.evidence.logs;
    expect(logs.map((log) => log.source)).toEqual([...Array(3).fill('railway status'), ...Array(4).fill('alembic'), 'app', 'app']);
    expect(logs[7]).toMatchObject({
      time: '2026-01-05T17:16:18Z',
      level: 'info',
      message: 'root: 🎉 MITA Finance API startup completed successfully!',
    });
    expect(incident.evidence.warnings).toHaveLength(5);
    expect(incident.timeline).toHaveLength(10);
    expect(incident.timeline.map((event) => event.kind)).toEqual([
      'detected',
      'investigation',
      'change',
      'commit',
      'deploy',
      'build',
      'build',
      'mitigated',
      'verified',
      'resolved',
    ]);
    expect(incident.deployment).toHaveLength(8);
    expect(incident.deployment[1]?.detail).toBe('fix(critical): Make migration 0021 idempotent to fix Railway crash');
  });

  it('keeps lessons, the 13 numbered actions and the success metrics', () => {
    expect(incident.lessons.filter((lesson) => lesson.category === 'problem')).toHaveLength(3);
    expect(incident.lessons.filter((lesson) => lesson.category === 'solution')).toHaveLength(5);
    expect(incident.actions.map((action) => action.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(incident.actions.filter((action) => action.priority === 'high')).toHaveLength(5);
    expect(incident.actions.every((action) => action.status === 'open' && action.owner === null && action.due === null)).toBe(true);
    expect(incident.metrics).toHaveLength(7);
    expect(incident.sections.map((section) => [section.heading, section.after])).toEqual([
      ['Service Health', 'environment'],
      ['Railway Configuration', 'environment'],
      ['Technical Details', 'environment'],
      ['Issues Resolved', 'environment'],
      ['Best Practices Applied', 'timeline'],
      ['Links', 'conclusion'],
    ]);
  });

  it('holds no mojibake left over from the original report', () => {
    expect(text).not.toMatch(/[‚Ôüú]/);
    expect(text).toContain('🎉');
  });

  it('survives a round trip through the file form', () => {
    const again = parseIncidentFile(serializeIncident(incident), FILE);
    expect(again).toEqual(incident);
  });
});
