#!/usr/bin/env node
'use strict';
/*
 * The `forensic-readiness` command of the installed package: it runs the compiled CLI
 * (dist/bin/cli.js), which `npm pack` builds (prepack) and the tarball holds. In a checkout of
 * the kit's repository run the sources instead (`node -r tsx/cjs bin/cli.ts …`), or build first.
 */
const fs = require('fs');
const path = require('path');

const cli = path.join(__dirname, '..', 'dist', 'bin', 'cli.js');
let runCli;
try {
  if (!fs.existsSync(cli)) throw Object.assign(new Error('missing'), { missingCli: true });
  ({ runCli } = require(cli));
  if (typeof runCli !== 'function') throw new Error('the CLI module exports no runCli function');
} catch (err) {
  const why = err && err.missingCli ? 'the compiled CLI dist/bin/cli.js is missing (in a checkout: npm run build)' : String((err && err.message) || err).split('\n')[0];
  process.stderr.write(`forensic-readiness: cannot start: ${why}\n`);
  process.exit(2);
}
// A closed pipe (`forensic-readiness check x | head`) is not an error of the check: keep its verdict.
// Any other failure to write the report (a full disk: ENOSPC) loses it: one line, exit 2.
process.stdout.on('error', (err) => {
  if (err && err.code === 'EPIPE') process.exit(process.exitCode || 0);
  process.stderr.write(`forensic-readiness: cannot write to stdout (${(err && (err.code || String(err.message).split('\n')[0])) || 'unknown error'})\n`);
  process.exit(2);
});
// A synchronous command's exit code comes back at once (a closed stdout exits with it); investigate's
// (and any command that reads files asynchronously) once it is done.
const code = runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
// A synchronous command's code is set at once (before any stdout error event); verify s3:// resolves later.
if (typeof code === 'number') process.exitCode = code;
else code.then((c) => {
  process.exitCode = c;
});
