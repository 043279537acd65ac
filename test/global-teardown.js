/** Removes the run's temporary folder (test/global-setup.js). */
'use strict';
const fs = require('fs');
const path = require('path');

module.exports = async function teardown() {
  const run = process.env.FR_TEST_TMPDIR;
  // Only the folder setup made: its name says so.
  if (run && path.basename(run).startsWith('forensic-readiness-kit-test-')) fs.rmSync(run, { recursive: true, force: true });
};
