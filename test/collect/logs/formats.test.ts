import { describe, expect, it } from 'vitest';
import { digestFixture, groups, timeline } from './helpers.js';

/** `level x count: message` for compact assertions. */
const summary = (name: string, options = {}) => groups(digestFixture(name, options)).map((g) => `${g.level} x${g.count}: ${g.message}`);

describe('JSON lines', () => {
  it('reads pino (numeric levels, time in ms) and groups errors that differ only in a quoted name', () => {
    const c = digestFixture('pino.jsonl');
    expect(c.source).toMatchObject({
      format: 'json',
      lines: 6,
      levels: { fatal: 1, error: 2, warn: 1, info: 2 },
      first_time: '2026-01-05T17:00:00.118Z',
      last_time: '2026-01-05T17:00:19Z',
    });
    expect(summary('pino.jsonl')).toEqual([
      'warn x1: Slow query on habit_completions: 1840ms',
      'error x2: duplicate key value violates unique constraint "habit_completions_pkey"',
      'fatal x1: Unhandled rejection, exiting',
    ]);
    const duplicate = groups(c)[1];
    expect(duplicate).toMatchObject({
      fingerprint: 'duplicate key value violates unique constraint "<str>"',
      time: '2026-01-05T17:00:12.904Z',
      last_seen: '2026-01-05T17:00:14.300Z',
    });
    // The stack carried in `err.stack` is the excerpt.
    expect(duplicate?.excerpt).toContain('at Parser.parseErrorMessage');
    expect(timeline(c)).toEqual(['started@17:00:00']);
  });

  it('reads bunyan, winston (with its `stack`), zap (`ts` in seconds, `error` beside `msg`) and structlog (`event`, `exception`)', () => {
    expect(summary('bunyan.jsonl')).toEqual(['error x1: Timeout acquiring a connection. The pool is probably full.', 'warn x1: retrying job 7781 (attempt 2)']);
    expect(summary('winston.jsonl')).toEqual([
      'warn x1: Push provider returned 429, backing off 2000ms',
      'error x2: Failed to send reminder to user 8812: token revoked',
    ]);
    expect(summary('zap.jsonl')).toEqual(['error x1: sync batch failed: pq: relation "habit_completions" already exists', 'warn x1: retrying batch']);
    expect(digestFixture('zap.jsonl').source.first_time).toBe('2026-01-05T17:00:00.118Z');
    const structlog = digestFixture('structlog.jsonl');
    expect(groups(structlog).map((g) => g.message)).toEqual([
      "reminder failed: httpx.HTTPStatusError: Client error '410 Gone' for url 'https://push.example.com/v1/send'",
    ]);
    expect(groups(structlog)[0]?.excerpt).toContain('File "/app/jobs/reminders.py", line 51, in send');
  });

  it('reads journalctl -o json (µs time, PRIORITY, MESSAGE) and its unit lifecycle', () => {
    const c = digestFixture('journald.jsonl');
    expect(c.source).toMatchObject({ format: 'journald', levels: { error: 1, warn: 1, info: 4 } });
    expect(summary('journald.jsonl')).toEqual([
      'error x1: panic: runtime error: invalid memory address or nil pointer dereference',
      "warn x1: habits.service: Failed with result 'exit-code'.",
    ]);
    expect(timeline(c)).toEqual(['started@17:00:00 x2', 'crashed@17:01:02 x2', 'starting@17:01:07']);
  });
});

describe('platform logs', () => {
  it('reads heroku logs: router H10 errors group, a traceback across prefixed lines is one event', () => {
    const c = digestFixture('heroku.log');
    expect(c.source.format).toBe('heroku');
    expect(summary('heroku.log')).toEqual([
      'error x1: django.db.utils.ProgrammingError: relation "habits_completion" already exists',
      'error x2: H10 App crashed (GET /)',
    ]);
    expect(timeline(c)).toEqual([
      'deploy-started@17:00:01 x2',
      'starting@17:00:05',
      'stopped@17:00:07 x2',
      'starting@17:00:12',
      'migration-started@17:00:14',
      'migration-failed@17:00:15',
      'crashed@17:00:15 x4',
      'deploy-started@17:04:40',
      'starting@17:04:44',
      'migration-skipped@17:04:47',
      'started@17:04:48 x2',
    ]);
  });

  it('reads kubectl logs --timestamps: the container line inside (Python logging or JSON), tracebacks joined', () => {
    const c = digestFixture('kubectl.log');
    expect(c.source).toMatchObject({ format: 'kubernetes', lines: 10, levels: { error: 2, warn: 1, info: 3 } });
    expect(summary('kubectl.log')).toEqual([
      'error x1: [uvicorn.error] Exception in ASGI application: ValueError: max() arg is an empty sequence',
      'warn x1: [app.cache] Redis unavailable, serving uncached: Error 111 connecting to redis:6379. Connection refused.',
      'error x1: upstream health check failed: context deadline exceeded',
    ]);
    expect(groups(c)[0]?.excerpt?.split('\n')).toHaveLength(5);
  });

  it('reads docker logs -t: a Node stack trace is one event and keeps its "Error:"', () => {
    const c = digestFixture('docker.log');
    expect(summary('docker.log')).toEqual([
      'error x2: Error: connect ECONNREFUSED 10.0.0.12:5432',
      'warn x1: Warning: Database pool exhausted, queueing request (queue=14)',
    ]);
    expect(timeline(c)).toEqual(['started@17:00:01', 'crashed@17:02:31']);
  });

  it('reads GitHub Actions job logs: ##[error] and ##[warning], the failing step as build-failed', () => {
    const c = digestFixture('github-actions.log');
    expect(c.source.format).toBe('github-actions');
    expect(summary('github-actions.log')).toEqual([
      'warn x1: Node.js 16 actions are deprecated. Please update the following actions to use Node.js 20: actions/setup-python@v4',
      'error x1: FAILED tests/test_completions.py::test_complete_twice - AssertionError: assert 500 == 201',
      'error x1: Process completed with exit code 1.',
    ]);
    // The test failure comes after other steps: it is not the migration failing.
    expect(timeline(c)).toEqual(['build-started@16:40:01', 'migration-started@16:40:21', 'build-failed@16:40:31']);
  });

  it('reads plain `railway logs` output (no timestamps) and its structured lines', () => {
    const c = digestFixture('railway-plain.log');
    expect(summary('railway-plain.log')).toEqual([
      'error x1: push failed user=8812 error="token revoked"',
      'error x1: psycopg2.errors.DuplicateTable: relation "habit_completions" already exists',
    ]);
    expect(timeline(c)).toEqual(['starting', 'migration-started', 'migration-failed', 'starting']);
    expect(groups(c)[1]?.excerpt).toContain('[SQL: ');
  });
});

describe('application logs', () => {
  it('reads Python logging: each traceback joins its ERROR line, the root cause completes the message', () => {
    const c = digestFixture('python-logging.log');
    expect(c.source).toMatchObject({ format: 'plain', lines: 34, levels: { fatal: 1, error: 2, warn: 3, info: 5, debug: 1 } });
    expect(summary('python-logging.log')).toEqual([
      'warn x3: app.jobs.reminders: Reminder for user 8812 skipped: no device token',
      'error x2: app.jobs.streaks: Streak job failed for habit 42: sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) server closed the connection unexpectedly',
      'fatal x1: root: Worker exiting: too many consecutive failures: app.scheduler.TooManyFailures: 5 consecutive failures',
    ]);
    const streaks = groups(c)[1];
    expect(streaks).toMatchObject({ time: '2026-01-05T17:16:22.874Z', last_seen: '2026-01-05T17:16:28.010Z' });
    expect(streaks?.excerpt?.split('\n')[0]).toBe('2026-01-05 17:16:22,874 [ERROR] app.jobs.streaks: Streak job failed for habit 42');
    expect(streaks?.excerpt).toContain('(Background on this error at: https://sqlalche.me/e/20/e3q8)');
  });

  it('reads uvicorn and gunicorn output, with and without timestamps', () => {
    const c = digestFixture('uvicorn.log');
    expect(summary('uvicorn.log')).toEqual([
      'fatal x1: WORKER TIMEOUT (pid:9)',
      'error x1: Worker (pid:9) was sent SIGKILL! Perhaps out of memory?',
      'error x1: Exception in ASGI application: app.errors.HabitNotFound: habit 9931 does not exist',
      'warn x1: Invalid HTTP request received.',
    ]);
    expect(timeline(c)).toEqual([
      'starting',
      'started x2',
      'stopped x2',
      'starting@17:20:00',
      'started@17:20:00',
      'starting@17:20:00',
      'crashed@17:21:14 x2',
      'starting@17:21:15',
    ]);
  });

  it('reads Spring Boot (logback): the stack trace with its "Caused by" chain is one event', () => {
    const c = digestFixture('spring-boot.log');
    expect(summary('spring-boot.log')).toEqual([
      'error x1: Migration of schema "public" to version "21 - add habit completions" failed! Please restore backups and roll back database and code!',
      "warn x1: Exception encountered during context initialization - cancelling refresh attempt: org.springframework.beans.factory.BeanCreationException: Error creating bean with name 'flywayInitializer'",
      'error x1: Application run failed: org.postgresql.util.PSQLException: ERROR: relation "habit_completions" already exists',
    ]);
    expect(groups(c)[2]?.excerpt).toContain('Caused by: org.flywaydb.core.internal.command.DbMigrate$FlywayMigrateException');
    expect(timeline(c)).toEqual(['migration-started@17:00:02', 'migration-failed@17:00:02', 'migration-skipped@17:05:44', 'started@17:05:45']);
  });

  it('reads Rails logger lines with their one-letter severities', () => {
    const c = digestFixture('rails.log');
    expect(c.source.levels).toEqual({ fatal: 1, error: 2, warn: 1, info: 4, debug: 1 });
    expect(groups(c)[0]?.message).toBe('ActiveRecord::StatementInvalid (PG::UndefinedTable: ERROR:  relation "habit_completions" does not exist');
    expect(groups(c)[0]?.excerpt).toContain('LINE 1: INSERT INTO "habit_completions"');
  });

  it('reads logfmt, with the error beside the message', () => {
    const c = digestFixture('logfmt.log');
    expect(c.source).toMatchObject({ format: 'logfmt', levels: { error: 2, warn: 1, info: 2, debug: 1 } });
    expect(summary('logfmt.log')).toEqual([
      'warn x1: upstream slow',
      'error x2: upstream request failed: dial tcp 10.0.4.21:8080: connect: connection refused',
    ]);
  });

  it('reads syslog, taking the year from --since, else from the clock', () => {
    const c = digestFixture('syslog.log');
    expect(c.source.first_time).toBe('2026-01-05T17:00:00Z');
    expect(timeline(c)).toEqual(['starting@17:00:00', 'started@17:00:00 x2', 'crashed@17:01:02 x3']);
    expect(digestFixture('syslog.log', { since: '2025-01-01T00:00:00Z' }).source.first_time).toBe('2025-01-05T17:00:00Z');
  });
});

describe('time zones and line ends', () => {
  it('turns every offset into UTC and reads zone-less times in --tz', () => {
    const c = digestFixture('mixed-zones.log');
    expect(c.source.first_time).toBe('2026-01-05T17:00:00Z');
    expect(groups(c).map((g) => g.time)).toEqual(['2026-01-05T17:00:05Z', '2026-01-05T17:00:10Z', '2026-01-05T18:00:20Z']);
    const berlin = digestFixture('mixed-zones.log', { tz: 'Europe/Berlin' });
    expect(groups(berlin).map((g) => g.time)).toEqual(['2026-01-05T17:00:05Z', '2026-01-05T17:00:10Z', '2026-01-05T17:00:20Z']);
  });

  it('reads CRLF logs like LF ones', () => {
    const crlf = digestFixture('crlf.log');
    expect(crlf.warnings).toEqual([]);
    expect(groups(crlf).map((g) => g.message)).toEqual(['Exception in ASGI application: RuntimeError: boom']);
    expect(groups(crlf)[0]?.excerpt).not.toContain('\r');
  });
});
