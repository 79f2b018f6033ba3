import type { RecordCheckConfig } from '../../libs/config/src/app-config';
import { ConfigError, recordCheckConfigFromEnv } from '../../libs/config/src/app-config';
import { CHECK_TYPES } from '../../libs/domain/src/record-checks';
import { createProviderRegistry } from './provider-registry';

const SECRET = 'a-partner-secret-0123456789';

function withProviders(types: readonly string[]): RecordCheckConfig {
  const entries = Object.fromEntries(
    types.map((t) => [t, { url: `https://p.example/${t}`, secret: SECRET }]),
  );
  return recordCheckConfigFromEnv({ RECORD_CHECK_PROVIDERS: JSON.stringify(entries) });
}

describe('provider registry', () => {
  it('uses the HTTP provider where one is configured and the simulated one elsewhere', () => {
    const registry = createProviderRegistry(withProviders(['SECURITY_SERVICE']), 'development');
    expect(registry.forCheck('SECURITY_SERVICE').name).toBe('security-service');
    expect(registry.forCheck('CRIMINAL_RECORDS').name).toBe('simulated');
  });

  it('refuses to simulate checks in production, naming the check types without a provider', () => {
    expect(() => createProviderRegistry(withProviders(['SECURITY_SERVICE']), 'production')).toThrow(
      ConfigError,
    );
    expect(() => createProviderRegistry(withProviders(['SECURITY_SERVICE']), 'production')).toThrow(
      /no provider for DEPARTMENTAL_RECORDS, CRIMINAL_RECORDS, CREDIT_REFERENCE, FINANCIAL_REVIEW, THIRD_PARTY/,
    );
    expect(() => createProviderRegistry(withProviders(CHECK_TYPES), 'production')).not.toThrow();
    const allowed = { ...withProviders([]), allowSimulatedInProduction: true };
    expect(createProviderRegistry(allowed, 'production').forCheck('THIRD_PARTY').name).toBe('simulated');
  });
});
