// A small stand-in for the MITA Finance API after the fix, on 127.0.0.1, so
// the demo's endpoint checks talk to a real HTTP server.
import http from 'node:http';

const paths = Object.fromEntries(Array.from({ length: 251 }, (_, i) => [`/api/endpoint-${i}`, { get: { summary: `Endpoint ${i}` } }]));

const ROUTES = {
  'GET /': [200, { status: 'healthy', service: 'Mita Finance API', version: '1.0.0', environment: 'production' }],
  'GET /health': [
    200,
    {
      status: 'healthy',
      database: 'connected',
      redis: 'not configured (in-memory fallback)',
      openai: 'configured, enabled=false',
      sentry: 'not configured',
      firebase: 'configured',
    },
  ],
  'GET /openapi.json': [200, { openapi: '3.1.0', info: { title: 'Mita Finance API', version: '1.0.0' }, paths }],
  'POST /api/auth/register': [
    422,
    { error: { code: 'VALIDATION_2002', message: 'Validation failed', fields: { email: 'field required', password: 'field required' } } },
  ],
  'GET /api/budgets/': [401, { error: { code: 'SYSTEM_8001', message: 'Invalid token' } }],
};

/** Starts the stand-in; resolves to its base URL and a close function. */
export function startStandIn() {
  const server = http.createServer((request, response) => {
    const started = process.hrtime.bigint();
    const key = `${request.method} ${request.url}`;
    request.resume();
    request.on('end', () => {
      const elapsed = (Number(process.hrtime.bigint() - started) / 1e6).toFixed(2);
      if (key === 'GET /docs') {
        response.writeHead(200, { 'content-type': 'text/html', 'x-response-time-ms': elapsed });
        response.end('<!DOCTYPE html><html><head><title>Mita Finance API - Swagger UI</title></head><body><div id="swagger-ui"></div></body></html>');
        return;
      }
      const [status, body] = ROUTES[key] ?? [404, { detail: 'Not Found' }];
      response.writeHead(status, { 'content-type': 'application/json', 'x-response-time-ms': elapsed });
      response.end(JSON.stringify(body));
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise((done) => server.close(done)) });
    });
  });
}
