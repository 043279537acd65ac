/** Tests are transformed by swc without type-checking (`npm run typecheck` does that). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  setupFiles: ['<rootDir>/test/setup-env.js'],
  // One temporary folder per run (TMPDIR), removed at the end: test/global-setup.js.
  globalSetup: '<rootDir>/test/global-setup.js',
  globalTeardown: '<rootDir>/test/global-teardown.js',
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  // The examples import the kit by its package name, as a user would; in the repo that name is the source.
  moduleNameMapper: {
    '^forensic-readiness-kit$': '<rootDir>/constructs/core/index.ts',
    '^forensic-readiness-kit/(aws|gcp|azure|core)$': '<rootDir>/constructs/$1/index.ts',
    '^forensic-readiness-kit/policies$': '<rootDir>/policies/index.ts',
    '^forensic-readiness-kit/policies/(aws|cdktf)$': '<rootDir>/policies/adapters/$1.ts',
  },
  testTimeout: 60000,
  // Every core, not jest's default of all but one: many suites wait on child processes (the CLI,
  // cfn-lint, moto_server, Azurite, Chromium), so on 2 cores two workers take 119 s, one 180 s.
  maxWorkers: '100%',
};
