import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { serializeIncident } from '../../src/record/fileForm.js';
import type { Incident } from '../../src/record/schema.js';
import { runCli } from '../helpers/cli.js';
import { makeIncident, seedIncident } from '../helpers/records.js';

/** The untrusted text the site must show as text. */
export const XSS_SUMMARY = 'Attacker text: <img src=x onerror=alert(1)> and <script>alert(2)</script> in the summary.';

/**
 * Four incidents: the seed (published), one whose fields hold HTML (published),
 * a certificate outage with an overdue action item (published) and a draft.
 */
export function fixtureIncidents(): Incident[] {
  return [
    seedIncident(),
    makeIncident({
      id: '2025-11-20-markup-in-fields',
      title: 'Webhook relay dropped events <b>bold</b>',
      status: 'published',
      severity: 'SEV3',
      services: ['webhooks-relay'],
      tags: ['queues'],
      times: { started: '2025-11-20T08:00:00Z', detected: '2025-11-20T08:10:00Z', resolved: '2025-11-20T09:30:00Z' },
      summary: XSS_SUMMARY,
      lessons: [{ text: 'Retries need a dead-letter queue <i>always</i>', tags: ['queues'] }],
      actions: [{ id: 1, text: 'Add a dead-letter queue for webhook deliveries', owner: 'platform-team', due: '2026-06-01' }],
    }),
    makeIncident({
      id: '2026-02-01-login-outage',
      status: 'published',
      lessons: [{ text: 'Certificates expire quietly; watch their expiry dates', category: 'went-wrong', tags: ['tls'] }],
      actions: [{ id: 1, text: 'Monitor certificate expiry with a weekly report', owner: 'alice', due: '2026-01-01' }],
    }),
    makeIncident({ id: '2026-03-03-draft-only', title: 'Draft that must stay private', status: 'draft', services: ['billing'] }),
  ];
}

/** A workspace in a temporary folder holding the fixture incidents; remove it with `fs.rmSync`. */
export async function fixtureWorkspace(): Promise<string> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-site-'));
  const [initCode, , initErr] = await runCli(['init'], { cwd: root });
  if (initCode !== 0) throw new Error(initErr);
  for (const incident of fixtureIncidents()) fs.writeFileSync(path.join(root, 'incidents', `${incident.id}.yaml`), serializeIncident(incident));
  const [code, , stderr] = await runCli(['import', 'incidents'], { cwd: root });
  if (code !== 0) throw new Error(stderr);
  return root;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
};

/** A tiny static file server for a built site on 127.0.0.1 (what any static host does). */
export async function serveStatic(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    let file = path.join(dir, path.normalize(pathname));
    if (!file.startsWith(dir)) {
      response.writeHead(403).end();
      return;
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) {
      response
        .writeHead(404, { 'content-type': 'text/html' })
        .end(fs.existsSync(path.join(dir, '404.html')) ? fs.readFileSync(path.join(dir, '404.html')) : '');
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(fs.readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
