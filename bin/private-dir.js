'use strict';
/**
 * A folder of this user only (mode 0700) in the system's temporary folder, for the caches of
 * `npm start` (bin/ts-require.js, bin/drill.ts): `override` (an environment variable's value)
 * names another. Undefined when the folder cannot be made, or is not this user's alone.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');

/** The folder, made if need be, or undefined when it cannot be this user's alone. */
function privateTempDir(name, override) {
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  const dir = override || path.join(os.tmpdir(), `${name}-${uid ?? 'user'}`);
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = fs.statSync(dir);
    if (!st.isDirectory() || (uid !== undefined && st.uid !== uid) || (process.platform !== 'win32' && (st.mode & 0o077) !== 0)) return undefined;
    return dir;
  } catch {
    return undefined;
  }
}

module.exports = { privateTempDir };
