#!/usr/bin/env node
// Thin shim: all behaviour lives in dist/cli/main.js (built by `npm run build`).
import module from 'node:module';

// Node 22+ caches compiled code between runs, which keeps `--help` quick.
module.enableCompileCache?.();

// `postmortem`, `--help` and `-h` print the help the build snapshotted from the real program
// (dist/cli/help.txt), when it is still that program's; anything else runs the program.
const args = process.argv.slice(2);
const helpOnly = args.length === 0 || (args.length === 1 && (args[0] === '--help' || args[0] === '-h'));
if (!(helpOnly && (await import('../dist/cli/helpSnapshot.js')).printSnapshotHelp(args))) {
  // `postmortem list | head` closes the pipe early: that is the reader's choice, not an error.
  // (Set here, not first: creating process.stdout for a pipe costs the snapshot help a third of its time.)
  process.stdout.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  const { main } = await import('../dist/cli/main.js');
  process.exitCode = await main(process.argv);
}
