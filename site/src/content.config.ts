// One collection: the workspace's incidents, read from SQLite at build time
// by the project's own loader (src/site/loader.ts, compiled to dist/).
import { defineCollection } from 'astro:content';
import { postmortemLoader } from '../../dist/site/loader.js';

export const collections = {
  incidents: defineCollection({ loader: postmortemLoader() }),
};
