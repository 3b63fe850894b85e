#!/usr/bin/env node
// Log collector throughput: `npx tsc -p tsconfig.build.json && node bench/logs.js`.
// Generates a mixed-format log (1 GB; BENCH_LOG_MB to change it) in the temp folder once,
// then reads it with `collectLogs` (redaction and fingerprinting on) in a fresh process and
// prints throughput, the ratio to `wc -l` on the same file, and peak RSS.
// Targets: 400 MB/s, peak RSS under 100 MB. Prints, never asserts (tests hold no timings).
// A regular file this large is read in byte ranges on worker threads; BENCH_LOG_VERIFY=1 also
// reads it in one pass (in another fresh process) and prints whether the two collections are equal.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MB = Number(process.env.BENCH_LOG_MB ?? 1024);
const TARGET_MBPS = 400;
const TARGET_RSS_MB = 100;
const self = fileURLToPath(import.meta.url);

if (process.argv[2] === '--digest') {
  await digestChild(process.argv[3]);
} else if (process.argv[2] === '--one-pass') {
  await onePassChild(process.argv[3]);
} else {
  await main();
}

async function main() {
  const file = path.join(os.tmpdir(), `postmortem-bench-logs-${MB}mb-v2.log`);
  const made = await ensureLog(file, MB * 1024 * 1024);
  const size = fs.statSync(file).size;
  console.log(
    `postmortem log bench: ${(size / 1e6).toFixed(0)} MB mixed log (${made === null ? 'reused' : `generated in ${(made / 1000).toFixed(1)} s`}), node ${process.version}, ${os.cpus().length} cores`,
  );
  console.log(`  ${file}\n`);

  // wc -l twice: the first run also brings the file into the page cache for both readers.
  execFileSync('wc', ['-l', file]);
  const wcStart = performance.now();
  const wcLines = Number(execFileSync('wc', ['-l', file], { encoding: 'utf8' }).trim().split(/\s+/)[0]);
  const wcMs = performance.now() - wcStart;

  // The digest runs in a fresh process so its peak RSS is its own, not the generator's.
  const child = spawnSync(process.execPath, [self, '--digest', file], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (child.status !== 0) {
    console.error(child.stderr);
    process.exitCode = 1;
    return;
  }
  const result = JSON.parse(child.stdout);
  const mbps = size / 1e6 / (result.ms / 1000);
  const wcMbps = size / 1e6 / (wcMs / 1000);
  const report = (ok, name, value, target, extra = '') =>
    console.log(`${ok ? 'ok  ' : 'MISS'} ${name.padEnd(34)} ${value.padStart(12)}  target ${target.padEnd(12)}${extra}`);
  report(
    mbps >= TARGET_MBPS,
    'collect logs throughput',
    `${mbps.toFixed(0)} MB/s`,
    `${TARGET_MBPS} MB/s`,
    `  ${(result.ms / 1000).toFixed(2)} s wall, ${(result.cpuMs / 1000).toFixed(2)} s CPU`,
  );
  report(
    result.maxRssMb < TARGET_RSS_MB,
    'peak RSS',
    `${result.maxRssMb.toFixed(0)} MB`,
    `< ${TARGET_RSS_MB} MB`,
    `  (heap used at end ${result.heapMb.toFixed(0)} MB)`,
  );
  console.log(
    `     ${'wc -l on the same file'.padEnd(34)} ${`${wcMbps.toFixed(0)} MB/s`.padStart(12)}  ${(wcMs / 1000).toFixed(2)} s; collect logs takes ${(result.ms / wcMs).toFixed(1)}x as long`,
  );
  console.log(`     lines ${result.lines.toLocaleString('en-US')} (wc -l ${wcLines.toLocaleString('en-US')}), format ${result.format}`);
  console.log(`     levels ${JSON.stringify(result.levels)}`);
  console.log(
    `     ${result.groups} error/warning groups, ${result.markers} markers, ${result.warnings} warnings, masked ${JSON.stringify(result.redactions)}`,
  );
  if (process.env.BENCH_LOG_VERIFY) {
    const one = spawnSync(process.execPath, [self, '--one-pass', file], { encoding: 'utf8', maxBuffer: 1 << 26 });
    const onePass = JSON.parse(one.stdout);
    const same = onePass.collection === result.collection;
    console.log(
      `     one pass on one thread: ${(onePass.ms / 1000).toFixed(2)} s wall, ${(onePass.cpuMs / 1000).toFixed(2)} s CPU, peak RSS ${onePass.maxRssMb.toFixed(0)} MB; collections ${same ? 'identical' : 'DIFFER'}`,
    );
  }
}

/** Runs in a child for BENCH_LOG_VERIFY: the one-pass digest (no threads), as the reference. */
async function onePassChild(file) {
  const { createLogDigest } = await import('../dist/collect/logs/digest.js');
  const { createRedactor } = await import('../dist/redact/redact.js');
  const cpu = process.cpuUsage();
  const started = performance.now();
  const digest = createLogDigest({ source: path.basename(file), file, now: () => new Date('2026-01-06T00:00:00Z'), redactor: createRedactor() });
  const fd = fs.openSync(file, 'r');
  const buffer = Buffer.allocUnsafeSlow(256 * 1024);
  for (let n = fs.readSync(fd, buffer, 0, buffer.length, null); n > 0; n = fs.readSync(fd, buffer, 0, buffer.length, null)) {
    digest.push(n === buffer.length ? buffer : buffer.subarray(0, n));
  }
  fs.closeSync(fd);
  const collection = digest.end();
  const used = process.cpuUsage(cpu);
  process.stdout.write(
    JSON.stringify({
      ms: performance.now() - started,
      cpuMs: (used.user + used.system) / 1000,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      collection: JSON.stringify(collection),
    }),
  );
}

/** Runs in the child: digests the file and prints what the parent reports. */
async function digestChild(file) {
  const { collectLogs } = await import('../dist/collect/logs/collectLogs.js');
  const cpu = process.cpuUsage();
  const started = performance.now();
  const collection = await collectLogs(file, {}, { stdin: process.stdin, cwd: process.cwd(), now: () => new Date('2026-01-06T00:00:00Z') });
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  process.stdout.write(
    JSON.stringify({
      ms,
      cpuMs: (used.user + used.system) / 1000,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      heapMb: process.memoryUsage().heapUsed / 1024 / 1024,
      lines: collection.source.lines,
      format: collection.source.format,
      levels: collection.source.levels,
      groups: collection.events.filter((e) => !e.marker).length,
      markers: collection.events.filter((e) => e.marker).length,
      warnings: collection.warnings.length,
      redactions: collection.redactions,
      collection: process.env.BENCH_LOG_VERIFY ? JSON.stringify(collection) : undefined,
    }),
  );
}

/** Writes the bench log unless a complete one is there; returns the milliseconds it took, or null when reused. */
async function ensureLog(file, bytes) {
  if (fs.existsSync(file) && fs.statSync(file).size >= bytes) return null;
  const started = performance.now();
  const partial = `${file}.partial`;
  const out = fs.createWriteStream(partial);
  const lines = logLines();
  let written = 0;
  while (written < bytes) {
    let batch = '';
    while (batch.length < 1 << 20) batch += lines.next().value;
    written += batch.length;
    if (!out.write(batch)) await new Promise((resolve) => out.once('drain', resolve));
  }
  await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve())));
  fs.renameSync(partial, file);
  return performance.now() - started;
}

/**
 * An endless, repeatable mix of what a small SaaS writes: Python logging with tracebacks,
 * Spring Boot with stack traces, pino JSON, logfmt, Heroku router lines and kubectl-prefixed
 * uvicorn access lines. About 1% errors, 2% warnings, 10% debug, a few lifecycle markers, and
 * the occasional secret for the redactor.
 */
function* logLines() {
  // mulberry32: small, fast and repeatable.
  let seed = 42;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  const pick = (list) => list[Math.floor(random() * list.length)];
  const hex = (n) => Array.from({ length: n }, () => '0123456789abcdef'[Math.floor(random() * 16)]).join('');
  const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(12)}`;
  const ip = () => `10.${Math.floor(random() * 255)}.${Math.floor(random() * 255)}.${Math.floor(random() * 255)}`;
  const paths = ['/habits', '/habits/{id}', '/habits/{id}/completions', '/stats/streaks', '/users/{uid}/settings', '/health'];
  let t = Date.UTC(2026, 0, 5, 0, 0, 0);
  for (;;) {
    t += Math.floor(random() * 20);
    const iso = new Date(t).toISOString();
    const spaced = iso.replace('T', ' ').slice(0, 23);
    const id = Math.floor(random() * 100_000);
    const uid = Math.floor(random() * 20_000);
    const ms = Math.floor(random() * 400);
    const route = pick(paths).replace('{id}', id).replace('{uid}', uid);
    const r = random();
    const level = r < 0.01 ? 'error' : r < 0.03 ? 'warn' : r < 0.13 ? 'debug' : 'info';
    const format = Math.floor(random() * 6);
    if (random() < 0.00005) {
      yield pick([
        `${iso} Starting Container\n`,
        `${spaced} [INFO] uvicorn.error: Uvicorn running on http://0.0.0.0:8080 (Press CTRL+C to quit)\n`,
        `${iso.slice(0, 23)}456+00:00 heroku[web.1]: Process exited with status 1\n`,
        `${iso.slice(0, 23)}456+00:00 heroku[web.1]: State changed from starting to up\n`,
      ]);
      continue;
    }
    if (level === 'error') {
      const secret = random() < 0.05;
      switch (format) {
        case 0:
          yield `${spaced.replace('.', ',')} [ERROR] app.jobs.streaks: Streak job failed for habit ${id}${secret ? ` (db password=${hex(16)})` : ''}\nTraceback (most recent call last):\n  File "/app/app/jobs/streaks.py", line 58, in run\n    completions = repo.completions_for(habit_id, since=window_start)\n  File "/app/app/repo.py", line 112, in completions_for\n    return self.session.execute(stmt).scalars().all()\nsqlalchemy.exc.OperationalError: (psycopg2.OperationalError) connection to server at "${ip()}", port 5432 failed: timeout expired\n`;
          break;
        case 1:
          yield `${spaced}  ERROR 1 --- [nio-8080-exec-${id % 10}] c.e.habits.CompletionService        : Could not record completion ${id} for user ${uid}\n\norg.springframework.dao.DataIntegrityViolationException: could not execute statement\n\tat org.hibernate.engine.jdbc.spi.SqlExceptionHelper.convert(SqlExceptionHelper.java:112)\n\tat com.example.habits.CompletionService.record(CompletionService.java:41)\nCaused by: org.postgresql.util.PSQLException: ERROR: duplicate key value violates unique constraint "habit_completions_pkey"\n\t... 42 common frames omitted\n`;
          break;
        case 2:
          yield `{"level":50,"time":${t},"pid":7,"hostname":"habits-web-5c9d","reqId":"req-${hex(6)}","err":{"type":"Error","message":"connect ECONNREFUSED ${ip()}:6379","stack":"Error: connect ECONNREFUSED\\n    at TCPConnectWrap.afterConnect (node:net:1607:16)"},"msg":"cache unavailable${secret ? `, auth header Bearer ey${hex(20)}.ey${hex(24)}.${hex(16)}` : ''}"}\n`;
          break;
        case 3:
          yield `time=${iso} level=error msg="upstream request failed" upstream=habits-api err="dial tcp ${ip()}:8080: connect: connection refused" request_id=${uuid()}\n`;
          break;
        case 4:
          yield `${iso.slice(0, 23)}456+00:00 heroku[router]: at=error code=H12 desc="Request timeout" method=GET path="${route}" host=habits-prod.herokuapp.com request_id=${uuid()} fwd="${ip()}" dyno=web.${1 + (id % 3)} connect=0ms service=30000ms status=503 bytes=0 protocol=https\n`;
          break;
        default:
          yield `${iso.slice(0, 19)}.${String(t % 1000).padStart(3, '0')}123456Z ${spaced.replace('.', ',')} ERROR [uvicorn.error] Exception in ASGI application\n${iso.slice(0, 19)}.${String(t % 1000).padStart(3, '0')}123457Z Traceback (most recent call last):\n${iso.slice(0, 19)}.${String(t % 1000).padStart(3, '0')}123458Z   File "/app/app/routes/stats.py", line 40, in streaks\n${iso.slice(0, 19)}.${String(t % 1000).padStart(3, '0')}123459Z ValueError: max() arg is an empty sequence\n`;
      }
      continue;
    }
    const upper = level === 'warn' ? 'WARNING' : level.toUpperCase();
    switch (format) {
      case 0:
        yield level === 'warn'
          ? `${spaced.replace('.', ',')} [WARNING] app.jobs.reminders: Reminder for user ${uid} skipped: no device token\n`
          : `${spaced.replace('.', ',')} [${upper}] app.routes: GET ${route} user=${uid} took ${ms} ms\n`;
        break;
      case 1:
        yield `${spaced} ${(level === 'warn' ? 'WARN' : upper).padStart(5)} 1 --- [nio-8080-exec-${id % 10}] c.e.habits.HabitController       : ${level === 'warn' ? `Slow query on habit_completions: ${ms * 10}ms` : `Fetched habit ${id} for user ${uid}`}\n`;
        break;
      case 2:
        yield `{"level":${{ debug: 20, info: 30, warn: 40 }[level]},"time":${t},"pid":7,"hostname":"habits-web-5c9d","reqId":"req-${hex(6)}","req":{"method":"GET","url":"${route}"},"res":{"statusCode":200},"responseTime":${ms}.${id % 10},"msg":"${level === 'warn' ? 'request slow' : 'request completed'}"}\n`;
        break;
      case 3:
        yield `time=${iso} level=${level} msg="${level === 'warn' ? 'upstream slow' : 'request'}" method=GET path=${route} status=200 duration=${ms}.${id % 10}ms\n`;
        break;
      case 4:
        yield level === 'warn'
          ? `${iso.slice(0, 23)}456+00:00 app[web.${1 + (id % 3)}]: [WARN] Slow response for GET ${route}: ${ms * 20} ms\n`
          : `${iso.slice(0, 23)}456+00:00 heroku[router]: at=info method=GET path="${route}" host=habits-prod.herokuapp.com request_id=${uuid()} fwd="${ip()}" dyno=web.${1 + (id % 3)} connect=0ms service=${ms}ms status=200 bytes=${id % 5000} protocol=https\n`;
        break;
      default:
        yield `${iso.slice(0, 19)}.${String(t % 1000).padStart(3, '0')}123456Z ${level === 'info' ? 'INFO' : upper}:     ${ip()}:${40000 + (id % 20000)} - "GET ${route} HTTP/1.1" 200 OK\n`;
    }
  }
}
