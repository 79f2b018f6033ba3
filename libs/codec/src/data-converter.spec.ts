import { ApplicationFailure } from '@temporalio/common';
import type { LoadedDataConverter } from '@temporalio/common';
import {
  decodeFromPayloadsAtIndex,
  decodeOptionalFailureToOptionalError,
  encodeErrorToFailure,
  encodeToPayloads,
  loadDataConverter,
} from '@temporalio/common/lib/internal-non-workflow';
import { ENCODING_ENCRYPTED } from './aes-gcm.codec';
import { codecKeyringFromEnv } from './codec-keys';
import { createDataConverter, FAILURE_CONVERTER_PATH } from './data-converter';

describe('createDataConverter', () => {
  const converter: LoadedDataConverter = loadDataConverter(createDataConverter(codecKeyringFromEnv({})));

  it('encrypts payloads end to end through the SDK', async () => {
    const payloads = await encodeToPayloads(converter, { givenName: 'Perpetua' });
    expect(Buffer.from(payloads?.[0]?.metadata?.encoding ?? []).toString()).toBe(ENCODING_ENCRYPTED);
    await expect(decodeFromPayloadsAtIndex(converter, 0, payloads)).resolves.toEqual({
      givenName: 'Perpetua',
    });
  });

  it('encrypts failure messages and stack traces too', async () => {
    const error = ApplicationFailure.create({
      message: 'Perpetua Ashgrove may not withdraw',
      type: 'REJECTED',
    });
    const failure = await encodeErrorToFailure(converter, error);
    expect(failure.message).not.toContain('Perpetua');
    expect(failure.stackTrace ?? '').not.toContain('Perpetua');
    expect(Buffer.from(failure.encodedAttributes?.metadata?.encoding ?? []).toString()).toBe(
      ENCODING_ENCRYPTED,
    );
    const decoded = await decodeOptionalFailureToOptionalError(converter, failure);
    expect(decoded).toBeInstanceOf(ApplicationFailure);
    expect(decoded?.message).toBe('Perpetua Ashgrove may not withdraw');
  });

  it('points the workflow bundler at a failure converter module it can load', () => {
    expect(FAILURE_CONVERTER_PATH).toMatch(/failure-converter\.(ts|js)$/);
  });
});
