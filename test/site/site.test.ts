import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadIncident, saveIncident } from '../../src/db/incidentStore.js';
import { openDatabase } from '../../src/db/open.js';
import { findSimilarIncidents, similarIncidentsFinder } from '../../src/similar/similar.js';
import { runCli } from '../helpers/cli.js';
import { seedIncident } from '../helpers/records.js';
import { fixtureWorkspace, serveStatic } from './fixture.js';

/**
 * `postmortem site build` on a fixture workspace, then the built files in real
 * headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core)
 * through a static server on 127.0.0.1. Screenshots go to test/artifacts/.
 */
const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));
const SEED = '2026-01-05-migration-0021-duplicate-table';
const MARKUP = '2025-11-20-markup-in-fields';

let root = '';
let out = '';
let built: { pages: number; incidents: number; search: { pages: number; records: number } };

beforeAll(async () => {
  root = await fixtureWorkspace();
  out = path.join(root, 'public');
  const [code, stdout, stderr] = await runCli(['site', 'build', '--out', 'public', '--json'], { cwd: root });
  if (code !== 0) throw new Error(`site build failed (${code}): ${stderr}`);
  built = JSON.parse(stdout);
}, 120_000);

afterAll(() => {
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

const read = (page: string) => fs.readFileSync(path.join(out, page), 'utf8');

describe('site build', () => {
  it('finds the same "seen before" links with its preloaded finder as findSimilarIncidents', () => {
    const db = openDatabase(path.join(root, '.postmortem', 'postmortem.db'));
    try {
      const find = similarIncidentsFinder(db, { titles: 'preloaded' });
      const ids = db.prepare('SELECT id FROM incidents').pluck().all() as string[];
      for (const id of [...ids, ...ids]) expect(find(id, { limit: 10 })).toEqual(findSimilarIncidents(db, id, { limit: 10 }));
      expect(() => find('nope')).toThrow('Incident "nope"');
    } finally {
      db.close();
    }
  });

  it('builds a page per published incident, and leaves drafts out', () => {
    expect(built.incidents).toBe(3);
    const seed = seedIncident();
    expect(built.search).toMatchObject({ pages: 3, records: seed.lessons.length + seed.actions.length + 4 });
    for (const id of [SEED, MARKUP, '2026-02-01-login-outage']) expect(fs.existsSync(path.join(out, 'incidents', id, 'index.html'))).toBe(true);
    expect(fs.existsSync(path.join(out, 'incidents', '2026-03-03-draft-only'))).toBe(false);
    expect(read('incidents/index.html')).not.toContain('Draft that must stay private');
  });

  it('includes drafts when asked with --drafts', async () => {
    const [code, stdout, stderr] = await runCli(['site', 'build', '--out', 'with-drafts', '--drafts', '--json'], { cwd: root });
    expect([code, stderr]).toEqual([0, '']);
    expect(JSON.parse(stdout).incidents).toBe(4);
    expect(fs.existsSync(path.join(root, 'with-drafts', 'incidents', '2026-03-03-draft-only', 'index.html'))).toBe(true);
  }, 120_000);

  it('renders the postmortem with the CLI renderer, and the evidence', () => {
    const html = read(`incidents/${SEED}/index.html`);
    expect(html).toContain('psycopg2.errors.DuplicateTable');
    expect(html).toContain('<h2 id="timeline">Timeline</h2>');
    expect(html).toContain('8ffb275');
    expect(html).toMatch(/class="timeline"/);
  });

  it('shows HTML written in a field as text, never as markup', () => {
    const html = read(`incidents/${MARKUP}/index.html`);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toMatch(/<img[^>]*onerror/i);
    expect(html).not.toContain('<script>alert(2)');
    expect(html).not.toContain('<b>bold</b>');
    expect(read('index.html')).not.toContain('<b>bold</b>');
  });

  it('writes the search index and removes its work file', () => {
    expect(fs.existsSync(path.join(out, 'pagefind', 'pagefind.js'))).toBe(true);
    expect(fs.existsSync(path.join(out, 'search-records.json'))).toBe(false);
  });

  it('refuses to empty a folder it did not build', async () => {
    fs.mkdirSync(path.join(root, 'notes'));
    fs.writeFileSync(path.join(root, 'notes', 'keep.txt'), 'mine');
    const [code, , stderr] = await runCli(['site', 'build', '--out', 'notes'], { cwd: root });
    expect([code, stderr.split('\n')[0]]).toEqual([
      2,
      `error: ${path.join(root, 'notes')} is not empty and is not a site built by postmortem: building would delete what it holds.`,
    ]);
    expect(fs.readFileSync(path.join(root, 'notes', 'keep.txt'), 'utf8')).toBe('mine');
  });
});

const hasChromium = fs.existsSync(CHROMIUM);
if (!hasChromium) console.warn(`Skipping the site's browser tests: ${CHROMIUM} is missing (apt-get install chromium; .ci/run installs it).`);

describe.skipIf(!hasChromium)('site in headless Chromium', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveStatic>>;
  let page: Page;
  const dialogs: string[] = [];

  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    server = await serveStatic(out);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  // Long pages (an incident) are shot at viewport height: a full-page shot of them is slow.
  const shot = (name: string, fullPage = true) => page.screenshot({ path: path.join(ARTIFACTS, `site-${name}.png`), fullPage });

  it('opens the home page: recent incidents, open items and the trend chart', async () => {
    await page.goto(`${server.url}/`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Incident knowledge base');
    expect(await page.getByRole('link', { name: 'Railway deployment crashed: migration 0021 DuplicateTable' }).count()).toBeGreaterThan(0);
    expect(await page.locator('.card.is-overdue').count()).toBe(1);
    expect(await page.locator('svg.chart rect.bar').count()).toBe(12);
    await shot('home');
  });

  it('filters incidents with the form, and by a facet page', async () => {
    await page.goto(`${server.url}/incidents/`);
    await page.getByLabel('Service').selectOption('webhooks-relay');
    const visible = page.locator('#incident-table tbody tr:visible');
    await expect(visible.count()).resolves.toBe(1);
    expect(await visible.first().textContent()).toContain('Webhook relay dropped events <b>bold</b>');
    expect(page.url()).toBe(`${server.url}/incidents/?service=webhooks-relay`);
    await shot('incidents-filtered');
    await page.goto(`${server.url}/incidents/?year=2026`);
    await expect(visible.count()).resolves.toBe(2);
    await page.goto(`${server.url}/browse/severity/sev1/`);
    expect(await page.locator('tbody tr').count()).toBe(1);
  });

  it("opens the seed's incident page", async () => {
    await page.goto(`${server.url}/incidents/`);
    await page.getByRole('link', { name: 'Railway deployment crashed: migration 0021 DuplicateTable' }).first().click();
    await page.waitForURL(`${server.url}/incidents/${SEED}/`);
    expect(await page.locator('.timeline li').count()).toBeGreaterThan(5);
    expect(await page.locator('#evidence ~ * code', { hasText: '8ffb275' }).count()).toBeGreaterThan(0);
    await shot('incident', false);
  });

  it('shows the HTML in a field as text, and runs none of it', async () => {
    await page.goto(`${server.url}/incidents/${MARKUP}/`);
    await expect(page.locator('.postmortem').textContent()).resolves.toContain('<img src=x onerror=alert(1)>');
    expect(await page.locator('.postmortem img, .postmortem script').count()).toBe(0);
    expect(dialogs).toEqual([]);
    await shot('incident-markup');
  });

  const search = async (query: string) => {
    await page.goto(`${server.url}/search/`);
    await page.getByLabel('Search for').fill(query);
    await page.locator('.results li').first().waitFor();
  };

  it('searches "DuplicateTable" and reaches the incident, downloading at most 300 KB', async () => {
    const bytes: number[] = [];
    page.on('response', (response) => {
      void response.body().then(
        (body) => bytes.push(body.length),
        () => undefined,
      );
    });
    await search('DuplicateTable');
    await page.waitForLoadState('networkidle');
    const searchBytes = bytes.reduce((a, b) => a + b, 0);
    page.removeAllListeners('response');
    expect(searchBytes).toBeLessThanOrEqual(300 * 1024);
    await shot('search');
    await page.locator('.results a', { hasText: 'DuplicateTable' }).first().click();
    await page.waitForURL(`${server.url}/incidents/${SEED}/`);
  });

  it('finds a lesson and an action item by search, with the type filter', async () => {
    await search('certificates');
    await page.getByLabel('Type').selectOption('lesson');
    const first = () => page.locator('.results a').first().textContent();
    await expect.poll(first).toMatch(/^Lesson: Certificates expire quietly/);
    await page.locator('.results a').first().click();
    await page.waitForURL(`${server.url}/incidents/2026-02-01-login-outage/#lesson-1`);
    await search('dead-letter');
    await page.getByLabel('Type').selectOption('action item');
    await expect.poll(first).toBe('Action item: Add a dead-letter queue for webhook deliveries');
    await shot('search-action');
  });

  it('shows lessons by tag and the prevention board with the overdue item', async () => {
    await page.goto(`${server.url}/lessons/`);
    expect(await page.getByRole('heading', { name: /^tls/ }).count()).toBe(1);
    await shot('lessons');
    await page.goto(`${server.url}/prevention/`);
    await expect(page.locator('.card.is-overdue').textContent()).resolves.toContain('Monitor certificate expiry');
    await page.getByRole('combobox', { name: 'Owner' }).selectOption('platform-team');
    expect(await page.locator('.card:visible').count()).toBe(1);
    await shot('prevention');
  });

  it('reads on a phone without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 800 } });
    const phone = await context.newPage();
    await phone.goto(`${server.url}/incidents/${SEED}/`);
    expect(await phone.locator('h1').textContent()).toBe('Railway deployment crashed: migration 0021 DuplicateTable');
    // Runs in the page, where `document` exists (the tests' types have no DOM).
    const width = await phone.evaluate('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(390);
    await phone.screenshot({ path: path.join(ARTIFACTS, 'site-phone-incident.png') });
    await phone.goto(`${server.url}/incidents/`);
    expect(await phone.locator('form[data-filter-form]').isVisible()).toBe(false);
    expect(await phone.locator('.facet-links a').count()).toBeGreaterThan(3);
    await context.close();
  });
});

describe('site rebuild', () => {
  const LOGIN = '2026-02-01-login-outage';
  const dir = () => path.join(root, 'incremental');
  const page = (id: string) => path.join(dir(), 'incidents', id, 'index.html');
  const inode = (id: string) => fs.statSync(page(id)).ino;
  const rebuild = async (...extra: string[]) => {
    const [code, stdout, stderr] = await runCli(['site', 'build', '--out', 'incremental', '--json', ...extra], { cwd: root });
    if (code !== 0) throw new Error(`site build failed (${code}): ${stderr}`);
    return JSON.parse(stdout) as typeof built;
  };
  const change = (id: string, edit: (incident: NonNullable<ReturnType<typeof loadIncident>>) => void) => {
    const db = openDatabase(path.join(root, '.postmortem', 'postmortem.db'));
    try {
      const incident = loadIncident(db, id);
      if (!incident) throw new Error(`no incident ${id}`);
      edit(incident);
      db.transaction(() => saveIncident(db, incident))();
    } finally {
      db.close();
    }
  };

  it('carries unchanged incident pages over and renders the changed one', async () => {
    await rebuild();
    const before = { seed: inode(SEED), markup: inode(MARKUP), login: inode(LOGIN) };
    expect((await rebuild()).incidents).toBe(3);
    expect({ seed: inode(SEED), markup: inode(MARKUP), login: inode(LOGIN) }).toEqual(before);
    change(MARKUP, (incident) => {
      incident.title = 'Webhook relay dropped events, revised';
    });
    expect((await rebuild()).incidents).toBe(3);
    expect(inode(SEED)).toBe(before.seed);
    expect(inode(MARKUP)).not.toBe(before.markup);
    expect(fs.readFileSync(page(MARKUP), 'utf8')).toContain('<h1 data-pagefind-meta="title">Webhook relay dropped events, revised</h1>');
    expect(fs.readFileSync(path.join(dir(), 'incidents', 'index.html'), 'utf8')).toContain('Webhook relay dropped events, revised');
  }, 300_000);

  it('drops the page of an incident that left the site, and every link to it', async () => {
    change(LOGIN, (incident) => {
      incident.status = 'draft';
    });
    expect((await rebuild()).incidents).toBe(2);
    expect(fs.existsSync(page(LOGIN))).toBe(false);
    for (const id of [SEED, MARKUP]) expect(fs.readFileSync(page(id), 'utf8')).not.toContain(`/incidents/${LOGIN}/`);
    expect(fs.readFileSync(path.join(dir(), 'incidents', 'index.html'), 'utf8')).not.toContain(`/incidents/${LOGIN}/`);
  }, 120_000);

  it('renders every page again when the settings change', async () => {
    const before = { seed: inode(SEED), markup: inode(MARKUP) };
    await rebuild('--base', '/kb/');
    expect(inode(SEED)).not.toBe(before.seed);
    expect(inode(MARKUP)).not.toBe(before.markup);
    expect(fs.readFileSync(page(SEED), 'utf8')).toContain('href="/kb/incidents/"');
  }, 120_000);
});
