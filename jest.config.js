// Three tiers, one runner. Integration and e2e share one Temporal dev server and one PostgreSQL,
// started by test/support/global-setup.ts unless TEMPORAL_ADDRESS / TEST_DATABASE_URL point at running ones.
// isolatedModules: each file is transpiled alone (fast); `npm run typecheck` does the whole-program check.
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.spec.json' }];

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform: { '^.+\\.ts$': tsJest },
      testMatch: [
        '<rootDir>/libs/**/*.spec.ts',
        '<rootDir>/apps/**/*.spec.ts',
        '<rootDir>/activities/**/*.spec.ts',
        '<rootDir>/workflows/**/*.spec.ts',
        '<rootDir>/test/unit/**/*.spec.ts',
      ],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform: { '^.+\\.ts$': tsJest },
      testMatch: ['<rootDir>/test/integration/**/*.spec.ts', '<rootDir>/test/workflow/**/*.spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      transform: { '^.+\\.ts$': tsJest },
      testMatch: ['<rootDir>/test/e2e/**/*.spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    {
      // Browser tests: the web service driven by Debian's Chromium (installed by the setup when missing).
      displayName: 'web',
      testEnvironment: 'node',
      transform: { '^.+\\.ts$': tsJest },
      testMatch: ['<rootDir>/test/web/**/*.spec.ts'],
      globalSetup: '<rootDir>/test/web/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
  testTimeout: 120000,
  // Exit when the run is over. A full run (all four projects, in-process Nest apps, Temporal workers, the
  // globally started dev server and PostgreSQL) has left a handle open after its last test even with the web
  // session store closed on app.close(); CI then waited on a finished, green run until it was killed (stop 14).
  // Individual files exit by themselves; the full run is what needs this.
  forceExit: true,
};
