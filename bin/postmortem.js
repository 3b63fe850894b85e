#!/usr/bin/env node
// Thin shim: all behaviour lives in dist/cli/main.js (built by `npm run build`).
import module from 'node:module';

// Node 22+ caches compiled code between runs, which keeps `--help` quick.
module.enableCompileCache?.();

// `postmortem list | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const { main } = await import('../dist/cli/main.js');
process.exitCode = await main(process.argv);
