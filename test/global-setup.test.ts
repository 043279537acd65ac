/** The suite's temporary folder (test/global-setup.js): every test writes into the run's own folder, and npm start's caches keep their place outside it. */
import * as os from 'os';
import * as path from 'path';

test('os.tmpdir() is this run\'s folder, removed at its end; the ts and drill caches are outside it', () => {
  const run = process.env.FR_TEST_TMPDIR!;
  expect(path.basename(run)).toMatch(/^forensic-readiness-kit-test-/);
  expect(os.tmpdir()).toBe(run);
  for (const cache of [process.env.FR_TS_CACHE!, process.env.FR_DRILL_CACHE!]) {
    expect(cache.startsWith(`${run}${path.sep}`)).toBe(false);
    expect(path.dirname(cache)).toBe(path.dirname(run));
  }
});
