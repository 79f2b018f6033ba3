// Where the shared test infrastructure is. test/support/global-setup.ts sets these before any test file runs.

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(
      `${name} is not set. It is set by test/support/global-setup.ts for the integration and e2e projects; ` +
        'run these tests through Jest (npm test, or npx jest --selectProjects integration e2e) rather than alone.',
    );
  }
  return value;
}

/** A fresh, fully migrated database created for this Jest run and dropped after it. */
export function testDatabaseUrl(): string {
  return required('TEST_DATABASE_URL');
}

/**
 * The same database as the least-privilege runtime role `vetting_runtime` (member of `vetting_app`): what the
 * API, worker and web service under test connect with, as they do under `npm start` and compose.
 */
export function runtimeDatabaseUrl(): string {
  return required('TEST_RUNTIME_DATABASE_URL');
}

/**
 * The runtime role is cluster-wide: a fixed password lets runs that share a PostgreSQL server (a developer's
 * and CI's) set it without locking each other out. Test databases only; `npm start` makes a random one.
 */
export const TEST_RUNTIME_PASSWORD = 'vetting-runtime-tests-only';

/** host:port of the Temporal server the tests share. */
export function temporalAddress(): string {
  return required('TEMPORAL_ADDRESS');
}

export function temporalNamespace(): string {
  return process.env.TEMPORAL_NAMESPACE || 'default';
}
