import { describe, expect, it } from 'vitest';
import { classifyMarker } from '../../../src/collect/logs/markers.js';

describe('classifyMarker', () => {
  it.each([
    ['Using Nixpacks', 'build-started'],
    ['Build time: 48.21 seconds', 'build-finished'],
    ['ERROR: failed to solve: process "/bin/bash -ol pipefail -c pip install" did not complete successfully: exit code: 1', 'build-failed'],
    ['Process completed with exit code 1.', 'build-failed'],
    ['Release v142 created by user deploy@example.com', 'deploy-started'],
    ['Running migrations against postgresql://db', 'migration-started'],
    ['[alembic.runtime.migration] Running upgrade 9c4e2f1a7b3d -> 5e8a1c3f9d2b, add habit completions', 'migration-started'],
    ['Migrations completed', 'migration-finished'],
    ['No migrations to apply.', 'migration-skipped'],
    ['Skipping create_table: habit_completions already exists', 'migration-skipped'],
    ["FAILED: Can't locate revision identified by '5e8a1c3f9d2b'", 'migration-failed'],
    ['Uvicorn running on http://0.0.0.0:8080 (Press CTRL+C to quit)', 'started'],
    ['Listening on port 3000', 'started'],
    ['Started HabitsApplication in 4.58 seconds (process running for 5.1)', 'started'],
    ['Started habits.service - Habits API.', 'started'],
    ['State changed from starting to up', 'started'],
    ['Starting Container', 'starting'],
    ['Started server process [1]', 'starting'],
    ['Stopping Container', 'stopped'],
    ['Process exited with status 143', 'stopped'],
    ['Process exited with status 1', 'crashed'],
    ['State changed from starting to crashed', 'crashed'],
    ['H10 App crashed (GET /)', 'crashed'],
    ['container exited with code 137', 'crashed'],
    ["habits.service: Failed with result 'exit-code'.", 'crashed'],
    ['[812734.119021] Out of memory: Killed process 4121 (habits-api)', 'crashed'],
    ['[1/1] Healthcheck succeeded!', 'healthy'],
    ['Attempt #3 failed with service unavailable. Continuing to retry for 88s', 'unhealthy'],
    ['1/1 replicas never became healthy!', 'unhealthy'],
  ])('%j is %s', (message, marker) => {
    expect(classifyMarker(message)).toBe(marker);
  });

  it.each(['Started GET "/habits" for 10.0.0.5 at 2026-01-05 17:00:00 +0000', 'request completed', 'Fetched habit 42', 'Running job cleanup'])(
    '%j is no marker',
    (message) => {
      expect(classifyMarker(message)).toBeNull();
    },
  );

  it('looks only for failures in error lines', () => {
    expect(classifyMarker('Listening on port 3000', false)).toBeNull();
    expect(classifyMarker('Process exited with status 1', false)).toBe('crashed');
  });
});
