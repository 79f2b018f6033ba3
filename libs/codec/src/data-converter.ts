import type { DataConverter } from '@temporalio/common';
import type { CodecOptions } from './aes-gcm.codec';
import { AesGcmPayloadCodec } from './aes-gcm.codec';
import type { CodecKeyring } from './codec-keys';

/**
 * The failure converter travels as a module path rather than an instance: the worker bundles it into the
 * workflow sandbox, where instances from this process cannot go. Resolves to .ts under ts-node and jest.
 */
export const FAILURE_CONVERTER_PATH = require.resolve('./failure-converter');

/**
 * The data converter every Temporal client, worker, replayer and test harness of this system must share:
 * payloads, memos and failure messages are encrypted before they leave the process.
 */
export function createDataConverter(keyring: CodecKeyring, options: CodecOptions = {}): DataConverter {
  return {
    payloadCodecs: [new AesGcmPayloadCodec(keyring, options)],
    failureConverterPath: FAILURE_CONVERTER_PATH,
  };
}
