#!/usr/bin/env node
// Search and "seen before" (issue 5): `postmortem search` and `postmortem similar` on 10,000 and
// 100,000 generated incidents. Prints times against their targets; never asserts.
//
//   npm run build && node bench/search.js
//   BENCH_SEARCH_SIZES=10000 node bench/search.js     (only the smaller database)
//   BENCH_SEARCH_KEEP=/tmp/pm-search node bench/search.js   (keep the databases there and reuse them next time)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { saveIncident } from '../dist/db/incidentStore.js';
import { openDatabase } from '../dist/db/open.js';
import { incidentSchema } from '../dist/record/schema.js';
import { searchIncidents } from '../dist/search/search.js';
import { findSimilarIncidents } from '../dist/similar/similar.js';
import { generateIncident, makeRandom } from './generate.js';
import { time } from './measure.js';

const SIZES = (process.env.BENCH_SEARCH_SIZES ?? '10000,100000').split(',').map(Number);
const TARGETS = { search: { 10000: 10, 100000: 50 }, similar: 100 };
const keep = process.env.BENCH_SEARCH_KEEP;
if (keep) fs.mkdirSync(keep, { recursive: true });
const work = keep ?? fs.mkdtempSync(path.join(os.tmpdir(), 'pm-bench-search-'));
const results = [];

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
function report(name, measured, target, extra = '') {
  const ok = measured <= target;
  results.push(ok);
  console.log(
    `${ok ? 'ok  ' : 'MISS'} ${name.padEnd(44)} ${`${measured.toFixed(1)} ms`.padStart(10)}  target ${`${target} ms`.padEnd(7)} (${(measured / target).toFixed(2)} of budget)${extra ? `  ${extra}` : ''}`,
  );
}

/** What people type: words, error names, file names, prefixes, phrases, operators, and filters. */
const QUERIES = [
  ['migration'],
  ['timeout'],
  ['redis'],
  ['certificate'],
  ['kafka'],
  ['rollback'],
  ['runbook'],
  ['alert'],
  ['deploy'],
  ['idempotent'],
  ['postgres'],
  ['latency'],
  ['failover'],
  ['checkout'],
  ['error'],
  ['psycopg2.errors.DuplicateTable'],
  ['DuplicateTable'],
  ['OOMKilled'],
  ['x509'],
  ['CircuitBreaker'],
  ['KafkaJSNumberOfRetriesExceeded'],
  ['JsonWebTokenError'],
  ['ECONNREFUSED'],
  ['alembic/versions/0021_add_orders.py'],
  ['0042'],
  ['migr*'],
  ['cert*'],
  ['time*'],
  ['conn*'],
  ['kube*'],
  ['rota*'],
  ['"connection pool"'],
  ['"already exists"'],
  ['"dead-letter topic"'],
  ['"circuit breaker"'],
  ['"statement_timeout"'],
  ['"staged rollout"'],
  ['"heap out of memory"'],
  ['pool exhausted'],
  ['cache stampede'],
  ['secret rotation'],
  ['clock skew'],
  ['memory leak'],
  ['redis OR memcached'],
  ['migration NOT staging'],
  ['(kafka OR queue) lag'],
  ['migration', { service: 'checkout-api' }],
  ['timeout', { service: 'payments-gateway' }],
  ['alert', { service: 'auth-service' }],
  ['idempotent', { type: 'lesson' }],
  ['alert', { type: 'action' }],
  ['error', { since: '2025-06-01T00:00:00.000Z' }],
];

console.log(`postmortem search benchmarks: node ${process.version}, ${os.cpus().length} cores, ${QUERIES.length} queries\n`);

for (const size of SIZES) {
  const file = path.join(work, `search-${size}.db`);
  const reused = Boolean(keep) && fs.existsSync(file);
  const db = openDatabase(file, { create: true });
  const random = makeRandom(42);
  const [buildMs] = reused
    ? [0]
    : time(() =>
        db.transaction(() => {
          for (let i = 0; i < size; i++) saveIncident(db, incidentSchema.parse(generateIncident(i, random)), { isNew: true });
        })(),
      );
  const docs = db.prepare('SELECT sum(docs) FROM search_incidents').pluck().get();
  console.log(
    `${size} incidents (${docs} search documents) ${reused ? 'reused from an earlier run' : `built through the store in one transaction: ${(buildMs / 1000).toFixed(1)} s`}, database ${(fs.statSync(file).size / 1e6).toFixed(0)} MB`,
  );

  // Warm the page cache the way a second search would find it, then time each query a few times.
  for (const [query, options] of QUERIES) searchIncidents(db, query, { limit: 20, ...options });
  const samples = [];
  const perQuery = [];
  for (const [query, options] of QUERIES) {
    const runs = Array.from({ length: 5 }, () => time(() => searchIncidents(db, query, { limit: 20, ...options }))[0]);
    samples.push(...runs);
    perQuery.push([percentile(runs, 50), query, options]);
  }
  perQuery.sort((a, b) => b[0] - a[0]);
  const slowest = perQuery
    .slice(0, 3)
    .map(([ms, q, o]) => `${q}${o ? ` ${JSON.stringify(o)}` : ''} ${ms.toFixed(1)} ms`)
    .join('; ');
  report(`search p95 (${size})`, percentile(samples, 95), TARGETS.search[size] ?? 50, `median ${percentile(samples, 50).toFixed(1)} ms; slowest: ${slowest}`);

  const ids = db.prepare('SELECT id FROM incidents ORDER BY id').pluck().all();
  const pick = makeRandom(7);
  const sample = Array.from({ length: 50 }, () => ids[Math.floor(pick() * ids.length)]);
  for (const id of sample.slice(0, 5)) findSimilarIncidents(db, id);
  const similar = sample.map((id) => time(() => findSimilarIncidents(db, id))[0]);
  report(`similar p95 (${size})`, percentile(similar, 95), TARGETS.similar, `median ${percentile(similar, 50).toFixed(1)} ms over ${sample.length} incidents`);
  db.close();
  if (!keep) for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  console.log('');
}

if (!keep) fs.rmSync(work, { recursive: true, force: true });
console.log(`${results.filter(Boolean).length} of ${results.length} targets met`);
