import { describe, expect, it } from 'vitest';
import { LineScanner } from '../../../src/collect/logs/fastScan.js';
import { LEVEL_NAMES } from '../../../src/collect/logs/levels.js';
import { FAMILY_NAMES, K_JSON, K_LEVELED, K_LOGFMT, K_NONE, K_STAMPED } from '../../../src/collect/logs/lineKinds.js';
import { TimeReader } from '../../../src/collect/logs/timestamps.js';
import { formatTimestamp } from '../../../src/record/time.js';

const KINDS = { [K_NONE]: 'none', [K_STAMPED]: 'stamped', [K_JSON]: 'json', [K_LOGFMT]: 'logfmt', [K_LEVELED]: 'leveled' } as Record<number, string>;

function scan(line: string) {
  const scanner = new LineScanner(new TimeReader('UTC', 2026));
  const text = `${line}\n`;
  const kind = scanner.scan(text, 0, line.length);
  const time = scanner.readTime(text, line.length);
  return {
    kind: KINDS[kind],
    family: FAMILY_NAMES[scanner.family],
    time: Number.isNaN(time) ? null : formatTimestamp(time),
    level: scanner.level ? LEVEL_NAMES[scanner.level] : null,
    explicit: scanner.explicit,
    message: line.slice(scanner.msgStart),
    hint: scanner.hint,
  };
}

describe('LineScanner', () => {
  it.each([
    ['2026-01-05 17:16:18,123 [INFO] root: Listening on port 8000', 'stamped', 'plain', '2026-01-05T17:16:18.123Z', 'info', true],
    ['INFO:uvicorn.error:Uvicorn running on http://0.0.0.0:8000', 'leveled', 'text', null, 'info', true],
    ['[2026-01-05 17:00:00 +0000] [7] [ERROR] Worker (pid:9) was sent SIGKILL!', 'stamped', 'plain', '2026-01-05T17:00:00Z', 'error', false],
    ['I, [2026-01-05T17:00:00.123456 #123]  INFO -- : Started GET "/"', 'stamped', 'plain', '2026-01-05T17:00:00.123Z', 'info', true],
    ['2026-01-05 17:00:00.123 ERROR 1 --- [main] c.e.App : Application run failed', 'stamped', 'plain', '2026-01-05T17:00:00.123Z', 'error', false],
    ['Jan  5 17:00:00 host app[123]: Started habits.service - Habits API.', 'stamped', 'syslog', '2026-01-05T17:00:00Z', null, true],
    ['2026-01-05T17:00:01.123456+00:00 app[web.1]: Listening on 3000', 'stamped', 'heroku', '2026-01-05T17:00:01.123Z', null, true],
    ['2026-01-05T17:00:01.123456+00:00 heroku[router]: at=error code=H10 desc="App crashed"', 'stamped', 'heroku', '2026-01-05T17:00:01.123Z', 'error', false],
    ['2026-01-05T17:00:00.123456789Z Traceback (most recent call last):', 'stamped', 'kubernetes', '2026-01-05T17:00:00.123Z', 'error', false],
    ['2026-01-05T17:00:00.123456789Z stdout F INFO:     Started server process [1]', 'stamped', 'kubernetes', '2026-01-05T17:00:00.123Z', 'info', true],
    ['2026-01-05T17:00:00.1234567Z ##[error]Process completed with exit code 1.', 'stamped', 'github-actions', '2026-01-05T17:00:00.123Z', 'error', false],
    ['{"level":50,"time":1767632400118,"msg":"boom"}', 'json', 'json', '2026-01-05T17:00:00.118Z', 'error', false],
    [
      '{"__CURSOR":"s=1","__REALTIME_TIMESTAMP":"1767632400118372","PRIORITY":"6","MESSAGE":"Started x"}',
      'json',
      'journald',
      '2026-01-05T17:00:00.118Z',
      'info',
      true,
    ],
    ['time=2026-01-05T17:00:00Z level=warn msg="upstream slow"', 'logfmt', 'logfmt', '2026-01-05T17:00:00Z', 'warn', false],
    ['Traceback (most recent call last):', 'none', 'text', null, 'error', false],
    ['  File "/app/x.py", line 3, in <module>', 'none', 'text', null, null, false],
    ['Error: connect ECONNREFUSED 10.0.0.12:5432', 'leveled', 'text', null, 'error', false],
    ['200 OK', 'none', 'text', null, null, false],
  ])('%s', (line, kind, family, time, level, hint) => {
    expect(scan(line)).toMatchObject({ kind, family, time, level, hint });
  });

  it('looks for marker hints only where they can matter: not in errors (classified exactly anyway) nor debug lines', () => {
    expect(scan('2026-01-05 17:00:00 ERROR Process exited with status 1').hint).toBe(false);
    expect(scan('2026-01-05 17:00:00 DEBUG Starting Container').hint).toBe(false);
    expect(scan('2026-01-05 17:00:00 INFO Starting Container').hint).toBe(true);
  });

  it('takes the first level word near the message start, not one deep in the message', () => {
    expect(scan('2026-01-05 17:00:00 INFO handled request; last ERROR was an hour ago').level).toBe('info');
    expect(scan(`2026-01-05T17:00:00Z ${'x'.repeat(200)} ERROR`).level).toBeNull();
  });

  it('reads pino numbers and journald priorities as levels', () => {
    expect(
      ['{"level":10}', '{"level":20}', '{"level":30}', '{"level":40}', '{"level":60}', '{"PRIORITY":"2"}', '{"PRIORITY":"7"}'].map((l) => scan(l).level),
    ).toEqual(['debug', 'debug', 'info', 'warn', 'fatal', 'fatal', 'debug']);
  });
});
