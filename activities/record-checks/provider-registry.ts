import type { RecordCheckConfig } from '../../libs/config/src/record-checks.config';
import { ConfigError } from '../../libs/config/src/variables';
import type { CheckType } from '../../libs/domain/src/record-checks';
import { CHECK_TYPES } from '../../libs/domain/src/record-checks';
import { createHttpProvider } from './http-provider';
import type { ProviderAdapter } from './provider-adapter';
import { createSimulatedProvider, SIMULATED_PROVIDER_NAME } from './simulated-provider';

/** A provider adapter and the name it is recorded under. */
export interface NamedProvider {
  name: string;
  adapter: ProviderAdapter;
}

/** Which provider runs each check type. */
export interface ProviderRegistry {
  forCheck(checkType: CheckType): NamedProvider;
}

// With NODE_ENV=production it refuses to simulate unless SIMULATED_PROVIDER_ALLOW_PRODUCTION=true: a
// simulated CLEAR in a live vetting system would clear a real person on no evidence.
/** The HTTP provider RECORD_CHECK_PROVIDERS configures for a check type, else the simulated one. */
export function createProviderRegistry(config: RecordCheckConfig, nodeEnv: string | null): ProviderRegistry {
  const simulatedTypes = CHECK_TYPES.filter((type) => !config.providers[type]);
  if (nodeEnv === 'production' && simulatedTypes.length > 0 && !config.allowSimulatedInProduction) {
    throw new ConfigError([
      `RECORD_CHECK_PROVIDERS has no provider for ${simulatedTypes.join(', ')}; with NODE_ENV=production the ` +
        'worker will not simulate record checks (set SIMULATED_PROVIDER_ALLOW_PRODUCTION=true for a test system)',
    ]);
  }
  const simulated: NamedProvider = {
    name: SIMULATED_PROVIDER_NAME,
    adapter: createSimulatedProvider(config.simulated),
  };
  const byType = new Map<CheckType, NamedProvider>();
  for (const type of CHECK_TYPES) {
    const http = config.providers[type];
    byType.set(
      type,
      http
        ? { name: http.name, adapter: createHttpProvider(http, { callbackBaseUrl: config.callbackBaseUrl }) }
        : simulated,
    );
  }
  return { forCheck: (checkType) => byType.get(checkType) ?? simulated };
}
