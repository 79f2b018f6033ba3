import { ApplicationFailure } from '@temporalio/common';
import {
  PROVIDER_REJECTED_FAILURE,
  PROVIDER_UNAVAILABLE_FAILURE,
  ProviderRejectedError,
  ProviderUnavailableError,
  toActivityFailure,
} from './provider-adapter';

describe('toActivityFailure', () => {
  it('makes an unavailable provider a retryable failure', () => {
    const failure = toActivityFailure(new ProviderUnavailableError('down'));
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({
      type: PROVIDER_UNAVAILABLE_FAILURE,
      message: 'down',
      nonRetryable: false,
    });
  });

  it('makes a rejection non-retryable', () => {
    expect(toActivityFailure(new ProviderRejectedError('no'))).toMatchObject({
      type: PROVIDER_REJECTED_FAILURE,
      message: 'no',
      nonRetryable: true,
    });
  });

  it('keeps anything unexpected retryable, so a surprise never ends a check by itself', () => {
    expect(toActivityFailure(new TypeError('oops'))).toMatchObject({
      type: PROVIDER_UNAVAILABLE_FAILURE,
      nonRetryable: false,
    });
    expect(toActivityFailure('a string').message).toContain('a string');
  });
});
