/**
 * One temporary folder per `npm test` run, removed at its end (test/global-teardown.js). A CDK App
 * without an outdir, and cdktf's Testing helpers, each make a folder in the system's temporary
 * folder and never remove it: a run of the suite left ~1,050 of them behind. Every test process is
 * started with TMPDIR set to this run's folder (os.tmpdir() reads it), so whatever a test or a
 * library leaves there goes with the folder. The caches of `npm start` (bin/ts-require.js,
 * bin/drill.ts) stay where they always are, in the system's temporary folder, so the suite's
 * child processes keep reusing them.
 */
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');

const uid = typeof process.getuid === 'function' ? process.getuid() : 'user';

async function setup() {
  const system = os.tmpdir();
  // Named here, before TMPDIR changes, so that they keep their usual place (a test that sets them itself wins).
  process.env.FR_TS_CACHE ??= path.join(system, `forensic-readiness-kit-ts-${uid}`);
  process.env.FR_DRILL_CACHE ??= path.join(system, `forensic-readiness-kit-drills-${uid}`);
  const run = fs.mkdtempSync(path.join(system, 'forensic-readiness-kit-test-'));
  process.env.FR_TEST_TMPDIR = run;
  process.env.TMPDIR = run;
}

module.exports = setup;
