import type { SimulatedProviderConfig } from '../../libs/config/src/app-config';
import type { CheckOutcome, CheckType } from '../../libs/domain/src/record-checks';
import { CHECK_OUTCOMES, isCheckType } from '../../libs/domain/src/record-checks';
import type {
  ProviderAdapter,
  ProviderCheckAccepted,
  ProviderCheckRequest,
  ProviderPollResult,
} from './provider-adapter';
import { ProviderRejectedError, ProviderUnavailableError } from './provider-adapter';

/** The name the simulated provider goes by in records and logs. */
export const SIMULATED_PROVIDER_NAME = 'simulated';

const REF_PREFIX = 'sim';

// Small, dependency-free and stable across Node versions, so a run can be reproduced from its seed.
/** A number in [0, 1) fixed by its inputs (FNV-1a over the parts, finished with mulberry32's mixer). */
export function seededUnit(seed: number, ...parts: (string | number)[]): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (const char of parts.join('|')) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  let t = (hash + 0x6d2b79f5) >>> 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** The outcome a draw in [0, 1) lands on, given relative weights. */
export function pickOutcome(weights: Record<CheckOutcome, number>, draw: number): CheckOutcome {
  const total = CHECK_OUTCOMES.reduce((sum, outcome) => sum + weights[outcome], 0);
  let threshold = draw * total;
  for (const outcome of CHECK_OUTCOMES) {
    if (threshold < weights[outcome]) return outcome;
    threshold -= weights[outcome];
  }
  // Floating-point rounding can leave the draw just past the last bucket.
  return [...CHECK_OUTCOMES].reverse().find((o) => weights[o] > 0) ?? 'NEEDS_REVIEW';
}

const DETAIL: Record<CheckOutcome, string | undefined> = {
  CLEAR: undefined,
  TRACE: 'simulated: a record matched the subject reference',
  NEEDS_REVIEW: 'simulated: the provider asks for an officer to review',
};

// Everything it decides is a function of (seed, caseId, checkType, attempt): whether a request attempt is
// unavailable (the failure rate, or a scripted outage of N attempts per check type) and which outcome the
// check gets (the mix, unless forced). The request time travels inside the providerRef, so polls answer the
// same after a worker restart.
/** A reproducible stand-in provider for development and tests, in poll mode. */
export function createSimulatedProvider(
  config: SimulatedProviderConfig,
  now: () => number = () => Date.now(),
): ProviderAdapter {
  return {
    requestCheck(request: ProviderCheckRequest): Promise<ProviderCheckAccepted> {
      const attempt = request.attempt ?? 1;
      const outage = config.outages[request.checkType] ?? 0;
      if (attempt <= outage) {
        return Promise.reject(
          new ProviderUnavailableError(`simulated outage: attempt ${attempt} of the first ${outage} fails`),
        );
      }
      const draw = seededUnit(config.seed, request.caseId, request.checkType, attempt, 'availability');
      if (draw < config.failureRate) {
        return Promise.reject(
          new ProviderUnavailableError(`simulated transient failure on attempt ${attempt}`),
        );
      }
      const providerRef = [REF_PREFIX, now(), request.checkType, request.caseId].join('.');
      return Promise.resolve({ providerRef, mode: 'poll' });
    },

    pollCheck(providerRef: string): Promise<ProviderPollResult> {
      const parsed = parseRef(providerRef);
      if (!parsed) return Promise.reject(new ProviderRejectedError('not a reference this provider issued'));
      if (now() - parsed.requestedAt < config.latencyMs) return Promise.resolve({ status: 'PENDING' });
      const outcome =
        config.force[parsed.checkType] ??
        pickOutcome(config.outcomes, seededUnit(config.seed, parsed.caseId, parsed.checkType, 'outcome'));
      const detail = DETAIL[outcome];
      return Promise.resolve(detail ? { status: 'DONE', outcome, detail } : { status: 'DONE', outcome });
    },
  };
}

function parseRef(ref: string): { requestedAt: number; checkType: CheckType; caseId: string } | null {
  const [prefix, requestedAt, checkType, ...rest] = ref.split('.');
  const caseId = rest.join('.');
  const at = Number(requestedAt);
  if (prefix !== REF_PREFIX || !Number.isSafeInteger(at) || !isCheckType(checkType) || caseId === '')
    return null;
  return { requestedAt: at, checkType, caseId };
}
