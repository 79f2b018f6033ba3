// The cluster tier (`npm run test:cluster`): its own Jest configuration, so `npm test` never runs it. It
// starts a real Temporal cluster (four services as processes, built from source on first use) and our processes.
const tsJest = ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }];

/** @type {import('jest').Config} */
module.exports = {
  rootDir: '../..',
  displayName: 'cluster',
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': tsJest },
  testMatch: ['<rootDir>/test/cluster/**/*.spec.ts'],
  globalSetup: '<rootDir>/test/cluster/global-setup.ts',
  globalTeardown: '<rootDir>/test/cluster/global-teardown.ts',
  testTimeout: 60 * 60 * 1000,
};
