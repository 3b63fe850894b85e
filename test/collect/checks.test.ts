import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CheckSpec, checkSpecSchema, describeExpect, parseChecksFile, specsFromOptions } from '../../src/collect/checks/checkSpec.js';
import { describeStatus, matchStatus, parseStatusExpectation } from '../../src/collect/checks/matchStatus.js';
import { runChecks } from '../../src/collect/checks/runChecks.js';
import { UserError } from '../../src/errors.js';
import { checkSchema } from '../../src/record/schema.js';
import { createRedactor } from '../../src/redact/redact.js';
import { tempDir } from '../helpers/temp.js';

const SECRET = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789';
const NOW = Date.parse('2026-01-05T17:15:00Z');

/** A clock that moves one second per reading, so retries get distinct, exact times. */
function ticking(): () => Date {
  let reads = 0;
  return () => new Date(NOW + 1000 * reads++);
}

const fixedNow = () => new Date(NOW);
const ctx = () => ({ now: fixedNow, redactor: createRedactor() });
const spec = (raw: Record<string, unknown>): CheckSpec => checkSpecSchema.parse(raw);

// A small Mita-like API on 127.0.0.1; counters let tests see what the checks did.
let base = '';
let server: http.Server;
const hits = new Map<string, number>();
let inFlight = 0;
let maxInFlight = 0;

function json(response: http.ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

beforeAll(async () => {
  server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const count = (hits.get(url.pathname) ?? 0) + 1;
    hits.set(url.pathname, count);
    switch (url.pathname) {
      case '/':
        return json(response, 200, { status: 'healthy', service: 'Mita Finance API' });
      case '/health':
        return json(response, 200, { data: { status: 'healthy', database: 'connected' }, checks: [{ name: 'db', ok: true }] });
      case '/degraded':
        return json(response, 503, { data: { status: 'degraded' } });
      case '/docs':
        response.writeHead(200, { 'content-type': 'text/html' });
        return response.end('<!DOCTYPE html>\n<html>\n  <head><title>Mita Finance API - Swagger UI</title></head>\n</html>\n');
      case '/openapi.json':
        return json(response, 200, { openapi: '3.1.0', paths: {} });
      case '/api/auth/register':
        return request.method === 'POST' ? json(response, 422, { error: 'VALIDATION_2002', fields: ['email'] }) : json(response, 405, {});
      case '/api/budgets/':
        return json(response, 401, { error: 'SYSTEM_8001', detail: 'invalid token' });
      case '/gone':
        return json(response, 404, { detail: 'Not Found' });
      case '/slow':
        setTimeout(() => json(response, 200, { ok: true }), Number(url.searchParams.get('ms') ?? 100));
        return;
      case '/parallel':
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        setTimeout(() => {
          inFlight--;
          json(response, 200, { ok: true });
        }, 50);
        return;
      case '/hang':
        return; // never answers
      case '/loop':
        response.writeHead(302, { location: '/loop' });
        return response.end();
      case '/moved':
        response.writeHead(301, { location: '/health' });
        return response.end();
      case '/big':
        response.writeHead(200, { 'content-type': 'text/plain' });
        for (let i = 0; i < 2100; i++) response.write('x'.repeat(1024));
        return response.end();
      case '/secret':
        return json(response, 200, { token: SECRET, status: 'ok' });
      case '/flaky':
        return count <= 3 ? json(response, 503, { status: 'starting' }) : json(response, 200, { status: 'healthy' });
      case '/whoami':
        response.writeHead(200, { 'content-type': 'text/plain' });
        return response.end(request.headers.authorization === 'Basic b3BzOmh1bnRlcjI=' ? 'signed in as ops' : 'anonymous');
      case '/binary':
        response.writeHead(200, { 'content-type': 'image/png' });
        return response.end(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]));
      default:
        return json(response, 404, { detail: 'Not Found' });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

async function run(raw: Record<string, unknown>, options: Partial<Parameters<typeof runChecks>[1]> = {}) {
  const result = await runChecks([spec(raw)], { phase: 'after', ...options }, ctx());
  const [check] = result.checks;
  if (!check) throw new Error('no check');
  expect(checkSchema.parse(check)).toEqual(check);
  return { check, warnings: result.warnings };
}

describe('runChecks against a real server', () => {
  it('passes a healthy endpoint and records what it saw', async () => {
    const { check, warnings } = await run({ url: `${base}/`, expect_status: 200, expect_json: 'status=healthy' });
    expect(warnings).toEqual([]);
    expect({ ...check, latency_ms: typeof check.latency_ms }).toEqual({
      url: `${base}/`,
      method: 'GET',
      expect: 'HTTP 200, JSON status=healthy',
      expect_status: '200',
      result: '{"status":"healthy","service":"Mita Finance API"}',
      passed: true,
      status_code: 200,
      latency_ms: 'number',
      checked_at: '2026-01-05T17:15:00Z',
      phase: 'after',
      error: null,
      attempts: null,
      recovered_at: null,
    });
    expect(Number.isInteger((check.latency_ms ?? 0) * 10)).toBe(true);
  });

  it('fails on a wrong status, with the reason', async () => {
    const { check, warnings } = await run({ url: `${base}/degraded`, expect_status: 200 }, { phase: 'before' });
    expect([check.passed, check.status_code, check.error, check.phase]).toEqual([false, 503, 'expected HTTP 200, got 503', 'before']);
    expect(check.result).toBe('{"data":{"status":"degraded"}}');
    // A wrong answer is evidence, not a collection problem.
    expect(warnings).toEqual([]);
  });

  it('reads not-404 as "anything but 404": a validation or auth error passes', async () => {
    const register = await run({ url: `${base}/api/auth/register`, method: 'post', expect_status: 'not-404', label: 'Validation error (not 404)' });
    expect([register.check.passed, register.check.status_code, register.check.method, register.check.expect]).toEqual([
      true,
      422,
      'POST',
      'Validation error (not 404)',
    ]);
    expect((await run({ url: `${base}/api/budgets/`, expect_status: 'not-404' })).check).toMatchObject({ passed: true, status_code: 401 });
    expect((await run({ url: `${base}/gone`, expect_status: 'not-404' })).check).toMatchObject({ passed: false, error: 'expected not HTTP 404, got 404' });
  });

  it('checks a JSON path and its value', async () => {
    expect((await run({ url: `${base}/health`, expect_json: ['data.status=healthy', 'checks[0].ok=true', 'data.database'] })).check.passed).toBe(true);
    const wrong = await run({ url: `${base}/degraded`, expect_status: '5xx', expect_json: 'data.status=healthy' });
    expect(wrong.check.error).toBe('JSON data.status is "degraded", expected "healthy"');
    expect((await run({ url: `${base}/health`, expect_json: 'data.version' })).check.error).toBe('JSON has no data.version');
    expect((await run({ url: `${base}/docs`, expect_json: 'status' })).check.error).toBe('body is not JSON');
  });

  it('checks body text, and shows HTML as one line', async () => {
    const { check } = await run({ url: `${base}/docs`, expect_body: 'Swagger UI' });
    expect(check).toMatchObject({ passed: true, expect: 'HTTP 2xx, body contains "Swagger UI"' });
    expect(check.result).toBe('<!DOCTYPE html> <html> <head><title>Mita Finance API - Swagger UI</title></head> </html>');
    expect((await run({ url: `${base}/docs`, expect_body: 'ReDoc' })).check.error).toBe('body does not contain "ReDoc"');
  });

  it('fails a response slower than max_latency_ms', async () => {
    const { check } = await run({ url: `${base}/slow?ms=120`, max_latency_ms: 50 });
    expect(check.passed).toBe(false);
    expect(check.error).toMatch(/^took \d+(\.\d)? ms, over the 50 ms limit$/);
    expect(check.expect).toBe('HTTP 2xx, under 50 ms');
  });

  it('times out when the server never answers', async () => {
    const { check, warnings } = await run({ url: `${base}/hang`, timeout_ms: 150 });
    expect([check.passed, check.status_code, check.latency_ms, check.result, check.error]).toEqual([false, null, null, null, 'timeout after 150 ms']);
    expect(warnings).toEqual([`GET ${base}/hang could not be checked: timeout after 150 ms`]);
  });

  it('reports a refused connection', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const { check } = await run({ url: `http://127.0.0.1:${port}/health` });
    expect(check.error).toBe(`connection refused (127.0.0.1:${port})`);
  });

  it('reports a failed DNS lookup', async () => {
    const { check } = await run({ url: 'http://does-not-exist.invalid/', timeout_ms: 5000 });
    expect(check.error).toMatch(/^DNS lookup failed for does-not-exist\.invalid \((ENOTFOUND|EAI_AGAIN)\)$/);
  });

  it('stops a redirect loop after 10 redirects, and follows real redirects', async () => {
    expect((await run({ url: `${base}/loop` })).check.error).toBe('redirect loop: more than 10 redirects (last to /loop)');
    expect((await run({ url: `${base}/moved`, expect_json: 'data.status=healthy' })).check).toMatchObject({ passed: true, status_code: 200 });
  });

  it('stops reading a body over 1 MB', async () => {
    const { check } = await run({ url: `${base}/big` });
    expect([check.passed, check.error]).toEqual([false, 'body larger than 1 MB (stopped reading)']);
  });

  it('records an invalid URL as a failed check', async () => {
    const result = await runChecks(
      [spec({ url: 'not a url' }), spec({ url: 'ftp://example.com/x' })],
      { phase: 'after', retryUntilPassMs: 1000, retryIntervalMs: 10 },
      ctx(),
    );
    expect(result.checks.map((c) => [c.passed, c.error, c.attempts])).toEqual([
      [false, 'invalid URL: "not a url"', 1],
      [false, 'invalid URL: ftp: is not http or https', 1],
    ]);
  });

  it('never stores a secret from a response body', async () => {
    const redactor = createRedactor();
    const result = await runChecks([spec({ url: `${base}/secret`, expect_json: 'token=expected' })], { phase: 'after' }, { now: fixedNow, redactor });
    const [check] = result.checks;
    expect(check?.result).toBe('{"token":"[REDACTED:github-token]","status":"ok"}');
    expect(check?.error).toBe('JSON token is "[REDACTED:github-token]", expected "expected"');
    expect(JSON.stringify(result)).not.toContain('ghp_');
    expect(redactor.counts()).toEqual({ 'github-token': 2 });
  });

  it('describes a binary body instead of quoting it', async () => {
    expect((await run({ url: `${base}/binary` })).check.result).toBe('(binary body, 7 bytes, image/png)');
  });

  it('retries until the endpoint passes, recording attempts and when it recovered', async () => {
    hits.delete('/flaky');
    const result = await runChecks(
      [spec({ url: `${base}/flaky`, expect_json: 'status=healthy' }), spec({ url: `${base}/` })],
      { phase: 'after', retryUntilPassMs: 10_000, retryIntervalMs: 10 },
      { now: ticking(), redactor: createRedactor() },
    );
    const [flaky, healthy] = result.checks;
    // Readings: 0 and 1 are the first round; 2, 3, 4 the retries of /flaky.
    expect(flaky).toMatchObject({ passed: true, attempts: 4, checked_at: '2026-01-05T17:15:00Z', recovered_at: '2026-01-05T17:15:04Z', error: null });
    expect(healthy).toMatchObject({ passed: true, attempts: 1, recovered_at: null });
    expect(hits.get('/flaky')).toBe(4);
  });

  it('gives up when the retry time is over', async () => {
    const { check } = await run({ url: `${base}/gone` }, { retryUntilPassMs: 200, retryIntervalMs: 20 });
    expect(check.passed).toBe(false);
    expect(check.attempts).toBeGreaterThan(1);
    expect(check.recovered_at).toBeNull();
    expect(check.error).toBe(`expected HTTP 2xx, got 404 (still failing after ${check.attempts} attempts)`);
  });

  it('runs checks concurrently, at most 16 at a time by default, keeping their order', async () => {
    maxInFlight = 0;
    const specs = Array.from({ length: 100 }, (_, i) => spec({ url: `${base}/parallel?i=${i}` }));
    const result = await runChecks(specs, { phase: 'after' }, ctx());
    expect(result.checks.map((c) => c.url)).toEqual(specs.map((s) => s.url));
    expect(result.checks.every((c) => c.passed)).toBe(true);
    expect(maxInFlight).toBe(16);
    maxInFlight = 0;
    await runChecks(specs.slice(0, 10), { phase: 'after', concurrency: 2 }, ctx());
    expect(maxInFlight).toBe(2);
  });

  it('sends credentials in the URL as Basic auth, and keeps them out of the record', async () => {
    const { check } = await run({ url: `http://ops:hunter2@127.0.0.1:${base.split(':').at(-1)}/whoami`, expect_body: 'signed in as ops' });
    expect(check.url).toBe(`${base}/whoami`);
    expect(check.passed).toBe(true);
    expect(JSON.stringify(check)).not.toContain('hunter2');
  });
});

const hasOpenssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!hasOpenssl)(`TLS errors${hasOpenssl ? '' : ' (skipped: openssl is not installed, so no test certificate can be made)'}`, () => {
  it('reports a self-signed certificate as a TLS error', async () => {
    const dir = tempDir('pm-tls-');
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'key.pem', '-out', 'cert.pem', '-days', '2', '-subj', '/CN=localhost'],
      { cwd: dir, stdio: 'ignore' },
    );
    const tls = https.createServer({ key: fs.readFileSync(path.join(dir, 'key.pem')), cert: fs.readFileSync(path.join(dir, 'cert.pem')) }, (_, response) => {
      response.end('ok');
    });
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
    try {
      const { check, warnings } = await run({ url: `https://127.0.0.1:${(tls.address() as AddressInfo).port}/` });
      expect(check.error).toBe('TLS error: self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT)');
      expect(warnings).toHaveLength(1);
    } finally {
      tls.closeAllConnections();
      tls.close();
    }
  });
});

describe('check specs', () => {
  it("expresses the seed incident's checks in a checks file", () => {
    const specs = parseChecksFile(
      `base_url: https://mita-production-production.up.railway.app
checks:
  - url: /
    expect_status: 200
    expect_json: status=healthy
    label: FastAPI JSON
  - url: /health
    expect_status: 200
    expect_json: data.status=healthy
  - /docs
  - url: /openapi.json
    expect_status: '200'
  - url: /api/auth/register
    method: POST
    body: { email: not-an-email }
    expect_status: not-404
    label: Validation error (not 404)
  - GET /api/budgets/
`,
      'checks.yaml',
    );
    expect(specs.map((s) => [s.method, s.url, s.expect_status.text, describeExpect(s)])).toEqual([
      ['GET', 'https://mita-production-production.up.railway.app/', '200', 'FastAPI JSON'],
      ['GET', 'https://mita-production-production.up.railway.app/health', '200', 'HTTP 200, JSON data.status=healthy'],
      ['GET', 'https://mita-production-production.up.railway.app/docs', '2xx', 'HTTP 2xx'],
      ['GET', 'https://mita-production-production.up.railway.app/openapi.json', '200', 'HTTP 200'],
      ['POST', 'https://mita-production-production.up.railway.app/api/auth/register', 'not-404', 'Validation error (not 404)'],
      ['GET', 'https://mita-production-production.up.railway.app/api/budgets/', '2xx', 'HTTP 2xx'],
    ]);
    expect(specs[4]).toMatchObject({ body: '{"email":"not-an-email"}', headers: { 'content-type': 'application/json' }, timeout_ms: 10_000 });
  });

  it('lists every bad field of a checks file', () => {
    let error: unknown;
    try {
      parseChecksFile(
        `checks:
  - url: /health
  - url: https://x.example/
    expect_status: 20x
  - url: https://x.example/
    expect_json: '=oops'
    timeout_ms: -5
    retries: 3
  - method: GET
`,
        'checks.yaml',
      );
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UserError);
    const userError = error as UserError;
    expect([userError.exitCode, userError.message, ...userError.details]).toMatchInlineSnapshot(`
      [
        3,
        "checks.yaml has 6 invalid fields:",
        "checks[0].url: "/health" is a path: set base_url (or pass --base-url) so it has a host",
        "checks[1].expect_status: "20x" is not a status: write 200, 2xx or not-404 (or a list of them)",
        "checks[2].expect_json: "=oops" is not a JSON path: write data.status or data.status=healthy",
        "checks[2].timeout_ms: must be a positive number of milliseconds",
        "checks[2]: unknown field retries",
        "checks[3].url: is required (string)",
      ]
    `);
  });

  it('builds checks from command-line options, naming bad options', () => {
    const specs = specsFromOptions({
      urls: ['https://a.example/health', 'https://b.example/'],
      expectStatus: '200,204',
      expectJson: 'status=ok',
      timeoutMs: 3000,
    });
    expect(specs.map((s) => [s.url, s.expect_status.text, s.timeout_ms, describeExpect(s)])).toEqual([
      ['https://a.example/health', '200, 204', 3000, 'HTTP 200 or 204, JSON status=ok'],
      ['https://b.example/', '200, 204', 3000, 'HTTP 200 or 204, JSON status=ok'],
    ]);
    let error: unknown;
    try {
      specsFromOptions({ urls: ['https://a.example/', 'https://b.example/'], maxLatencyMs: Number('fast') });
    } catch (caught) {
      error = caught;
    }
    expect((error as UserError).details).toMatchInlineSnapshot(`
      [
        "--max-latency: expected a number of milliseconds, such as 500",
      ]
    `);
    try {
      specsFromOptions({ urls: ['https://a.example/', 'https://b.example/'], expectStatus: 'ok', method: 'GE T', timeoutMs: 0 });
    } catch (caught) {
      error = caught;
    }
    expect((error as UserError).details).toMatchInlineSnapshot(`
      [
        "--method: is not an HTTP method",
        "--expect-status: "ok" is not a status: write 200, 2xx or not-404 (or a list of them)",
        "--timeout: must be a positive number of milliseconds",
      ]
    `);
  });
});

describe('matchStatus', () => {
  const parse = (input: string | number | (string | number)[]) => {
    const parsed = parseStatusExpectation(input);
    if (!parsed.ok) throw new Error(parsed.error);
    return parsed.value;
  };

  it.each([
    [200, [200], [201, 404]],
    ['2xx', [200, 204, 299], [199, 301, 500]],
    ['not-404', [200, 401, 422, 500], [404]],
    [[200, '201'], [200, 201], [202]],
    ['2xx, !204', [200, 201], [204, 500]],
    ['not-5xx not-404', [200, 302, 401], [404, 500, 503]],
  ] as const)('%j', (input, pass, failing) => {
    const expectation = parse(input as string | number | (string | number)[]);
    for (const status of pass) expect(matchStatus(expectation, status)).toBe(true);
    for (const status of failing) expect(matchStatus(expectation, status)).toBe(false);
  });

  it('describes and normalises', () => {
    expect([parse('200').text, parse([200, 201]).text, parse('!404').text, parse('2XX').text]).toEqual(['200', '200, 201', 'not-404', '2xx']);
    expect([parse(200), parse('200|201|204'), parse('not-404'), parse('2xx, not-204')].map(describeStatus)).toEqual([
      'HTTP 200',
      'HTTP 200, 201 or 204',
      'not HTTP 404',
      'HTTP 2xx but not 204',
    ]);
    expect(parseStatusExpectation('600')).toEqual({ ok: false, error: '"600" is not a status: write 200, 2xx or not-404 (or a list of them)' });
    expect(parseStatusExpectation(' ')).toMatchObject({ ok: false });
  });
});
