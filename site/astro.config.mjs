// The knowledge-base site. Built by `postmortem site build`, which passes the
// output folder, base path and cache folder and points the content loader at the
// workspace database (see docs/site.md). A static site: no adapter, no server.
import { defineConfig } from 'astro/config';

export default defineConfig({
  output: 'static',
  trailingSlash: 'ignore',
  build: { format: 'directory', inlineStylesheets: 'never' },
  devToolbar: { enabled: false },
  compressHTML: true,
  prefetch: false,
});
