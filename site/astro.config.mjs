// The knowledge-base site. Built by `postmortem site build`, which passes the
// output folder, base path and cache folder and points the content loader at the
// workspace database (see docs/site.md). A static site: no adapter, no server.
import { defineConfig } from 'astro/config';
import { dataStoreAtRuntime } from '../dist/site/dataStoreAtRuntime.js';

export default defineConfig({
  output: 'static',
  trailingSlash: 'ignore',
  build: { format: 'directory', inlineStylesheets: 'never' },
  devToolbar: { enabled: false },
  compressHTML: true,
  prefetch: false,
  // The incidents collection is read from Astro's cache when pages render, not bundled (docs/site.md).
  integrations: [dataStoreAtRuntime()],
});
