/**
 * The TypeScript loader of `npm start` (`node -r ./bin/ts-require.js bin/main.ts`) and of the
 * processes it starts: lets CommonJS `require` load the kit's own .ts files, each compiled by
 * esbuild (the copy tsx depends on, with the compiler options of tsconfig.json, as tsx compiles
 * them) and kept in a cache by its content, so a process compiles only the files that changed.
 * Unlike tsx's hook it leaves every .js file to Node: the thousands of files of aws-cdk-lib, cdktf
 * and the providers are loaded as Node loads them, not read and checked a second time first
 * (about half a second of CPU per process). Nothing else differs: the same modules, the same
 * paths (__dirname, __filename), no source maps (the errors `npm start` prints are one line).
 *
 * The cache is a folder of this user only (mode 0700) in the system's temporary folder, named
 * after the user id (FR_TS_CACHE names another); an entry is named by the hash of the esbuild
 * version, the options, the file's path and its text, and written whole before it is renamed
 * into place, so concurrent processes never read half an entry. A folder that cannot be made
 * private, or written, is not used: every file is then compiled in memory.
 */
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const Module = require('module');
const path = require('path');
const { privateTempDir } = require('./private-dir');

const ROOT = path.join(__dirname, '..');
// esbuild is a dependency of tsx (a devDependency of the kit): the same compiler tsx runs. Its
// version is read from its package.json; the compiler itself is loaded only when a file is not cached.
const ESBUILD = require.resolve('esbuild', { paths: [path.dirname(require.resolve('tsx/package.json', { paths: [ROOT] })), ROOT] });
let esbuild;

const { compilerOptions } = JSON.parse(fs.readFileSync(path.join(ROOT, 'tsconfig.json'), 'utf8'));
const options = { loader: 'ts', format: 'cjs', target: `node${process.versions.node.split('.')[0]}`, sourcemap: false, tsconfigRaw: { compilerOptions } };
const salt = JSON.stringify([esbuildVersion(), options]);

/** The version of the esbuild package ESBUILD belongs to. */
function esbuildVersion() {
  for (let dir = path.dirname(ESBUILD); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (!fs.existsSync(file)) continue;
    const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (pkg.name === 'esbuild') return pkg.version;
  }
  throw new Error(`bin/ts-require.js: no package.json of esbuild above ${ESBUILD}`);
}

// The cache folder, or undefined when it cannot be this user's alone.
const dir = privateTempDir('forensic-readiness-kit-ts', process.env.FR_TS_CACHE);

/** The compiled text of a .ts file, from the cache or compiled now (and cached). */
function compiled(filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const entry = dir && path.join(dir, `${crypto.createHash('sha256').update(salt).update('\0').update(filename).update('\0').update(source).digest('hex')}.js`);
  if (entry) {
    try {
      return fs.readFileSync(entry, 'utf8');
    } catch {
      // Not cached yet.
    }
  }
  esbuild ??= require(ESBUILD);
  const code = esbuild.transformSync(source, { ...options, sourcefile: filename }).code;
  if (entry) {
    const tmp = `${entry}.${process.pid}.tmp`;
    try {
      fs.writeFileSync(tmp, code, { mode: 0o600 });
      fs.renameSync(tmp, entry);
    } catch {
      fs.rmSync(tmp, { force: true });
    }
  }
  return code;
}

Module._extensions['.ts'] = function loadTypeScript(module, filename) {
  module._compile(compiled(filename), filename);
};
