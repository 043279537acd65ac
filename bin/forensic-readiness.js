#!/usr/bin/env node
'use strict';
/*
 * The `forensic-readiness` command. Runs the TypeScript CLI straight from the checkout through
 * tsx (a dependency), so it works right after `npm ci`, with no build step.
 */
let main;
try {
  require('tsx/cjs/api').register();
  ({ main } = require('./cli.ts'));
} catch (err) {
  process.stderr.write(`forensic-readiness: cannot start: ${String((err && err.message) || err).split('\n')[0]}\n`);
  process.exit(2);
}
// A closed pipe (`forensic-readiness check x | head`) is not an error of the check.
process.stdout.on('error', (err) => {
  if (err && err.code === 'EPIPE') process.exit(process.exitCode || 0);
});
process.exitCode = main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
