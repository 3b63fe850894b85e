import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createLogDigest, type LogDigestOptions } from '../../../src/collect/logs/digest.js';
import type { LogCollection } from '../../../src/collect/logs/types.js';
import type { LogEvent } from '../../../src/record/schema.js';
import { createRedactor } from '../../../src/redact/redact.js';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/logs/', import.meta.url));
export const NOW = new Date('2026-03-01T12:00:00Z');

/** One fixture per log format the collector reads. */
export const FORMAT_FIXTURES = [
  'railway-deploy.log',
  'railway-plain.log',
  'python-logging.log',
  'uvicorn.log',
  'spring-boot.log',
  'rails.log',
  'heroku.log',
  'kubectl.log',
  'docker.log',
  'github-actions.log',
  'journald.jsonl',
  'pino.jsonl',
  'bunyan.jsonl',
  'winston.jsonl',
  'zap.jsonl',
  'structlog.jsonl',
  'logfmt.log',
  'syslog.log',
  'mixed-zones.log',
  'crlf.log',
];

export function fixture(name: string): Buffer {
  return fs.readFileSync(`${FIXTURES}${name}`);
}

/** Digests bytes (in chunks of `chunkSize`, to exercise lines split across chunks). */
export function digest(input: string | Buffer, options: Partial<LogDigestOptions> = {}, chunkSize = 65536): LogCollection {
  const bytes = typeof input === 'string' ? Buffer.from(input) : input;
  const d = createLogDigest({ source: 'test', now: () => NOW, redactor: createRedactor(), ...options });
  for (let at = 0; at < bytes.length; at += chunkSize) d.push(bytes.subarray(at, at + chunkSize));
  return d.end();
}

export function digestFixture(name: string, options: Partial<LogDigestOptions> = {}): LogCollection {
  return digest(fixture(name), { source: name, ...options });
}

export const groups = (c: LogCollection): LogEvent[] => c.events.filter((e) => e.marker === null);
export const markers = (c: LogCollection): LogEvent[] => c.events.filter((e) => e.marker !== null);
/** `marker@time xcount` for compact timeline assertions. */
export const timeline = (c: LogCollection): string[] =>
  markers(c).map((e) => `${e.marker}${e.time ? `@${e.time.slice(11, 19)}` : ''}${e.count > 1 ? ` x${e.count}` : ''}`);
