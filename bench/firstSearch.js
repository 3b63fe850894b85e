// The first search of a built site in real Chromium: what bench/site.js and
// bench/search-index.js both report against the 300 KB budget.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

export const CHROMIUM = '/usr/bin/chromium';

/** Bytes the browser fetches from opening the search page to the first results of `query`. */
export async function firstSearchBytes(outDir, query) {
  const { chromium } = await import('playwright-core');
  const server = http.createServer((request, response) => {
    let file = path.join(outDir, decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) return response.writeHead(404).end();
    const type = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' }[path.extname(file)] ?? 'application/octet-stream';
    response.writeHead(200, { 'content-type': type }).end(fs.readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await chromium.launch({
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
  try {
    const page = await browser.newPage();
    const sizes = [];
    page.on('response', (response) =>
      sizes.push(
        response.body().then(
          (body) => body.length,
          () => 0,
        ),
      ),
    );
    await page.goto(`http://127.0.0.1:${server.address().port}/search/?q=${encodeURIComponent(query)}`);
    await page.locator('.results li').first().waitFor({ timeout: 60_000 });
    await page.waitForLoadState('networkidle');
    const results = await page.locator('[data-status]').textContent();
    const all = await Promise.all(sizes);
    return { bytes: all.reduce((a, b) => a + b, 0), requests: all.length, results: results?.trim() };
  } finally {
    await browser.close();
    server.close();
  }
}
