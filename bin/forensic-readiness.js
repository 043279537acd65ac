#!/usr/bin/env node
'use strict';
/*
 * The `forensic-readiness` command. In the installed package it runs the compiled CLI
 * (dist/bin/cli.js). In a checkout of the kit's repository, where bin/cli.ts sits beside this
 * file, it runs the TypeScript source through tsx (a dev dependency), so it works right after
 * `npm ci` with no build step and never runs a stale build.
 */
const fs = require('fs');
const path = require('path');

let main;
try {
  if (fs.existsSync(path.join(__dirname, 'cli.ts'))) {
    require('tsx/cjs/api').register();
    ({ main } = require('./cli.ts'));
  } else {
    ({ main } = require('../dist/bin/cli.js'));
  }
  if (typeof main !== 'function') throw new Error('the CLI module exports no main function');
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
