import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/** Astro's virtual module of the content layer's data store, as resolved (Astro 5). */
const RESOLVED_DATA_STORE = '\0astro:data-layer-content';

/**
 * Makes the static build read the content layer's data store (the
 * `incidents` collection) from Astro's cache file when the pages render,
 * instead of bundling it: Astro turns the whole store into one JavaScript
 * module that Vite parses and bundles, which took 100 s and most of the
 * build's memory with 10,000 incidents (12 s with 2,000). The module reads
 * the same JSON Astro would have inlined, so pages see the same entries.
 * Only for `astro build`: the dev server keeps its live store.
 */
export function dataStoreAtRuntime(): AstroIntegration {
  return {
    name: 'postmortem-data-store-at-runtime',
    hooks: {
      'astro:config:setup': ({ command, config, updateConfig }) => {
        if (command !== 'build') return;
        const file = fileURLToPath(new URL('data-store.json', config.cacheDir));
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'postmortem-data-store-at-runtime',
                enforce: 'pre',
                // Astro's own plugin loads the module first (its hooks run before ours), so its code is replaced.
                transform: (_code: string, id: string) => (id === RESOLVED_DATA_STORE ? { code: dataStoreModule(file), map: null } : undefined),
              },
            ],
          },
        });
      },
    },
  };
}

/** The module's code: the store file parsed when the module is first imported, or an empty store when there is none (as Astro does). */
export function dataStoreModule(file: string): string {
  return [
    "import fs from 'node:fs';",
    `const file = ${JSON.stringify(file)};`,
    'export default fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : new Map();',
  ].join('\n');
}
