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

/** host:port of the Temporal server the tests share. */
export function temporalAddress(): string {
  return required('TEMPORAL_ADDRESS');
}

export function temporalNamespace(): string {
  return process.env.TEMPORAL_NAMESPACE || 'default';
}
