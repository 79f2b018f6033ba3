// Bundled into the workflow sandbox (through failureConverterPath) as well as loaded by the worker and the
// client, so it may import nothing but @temporalio/common: no node:crypto, no keys, no configuration.
import { DefaultFailureConverter } from '@temporalio/common';

/**
 * Moves failure messages and stack traces into an encoded payload, which the payload codec then encrypts:
 * a rejected update or a failed activity can quote personal data in its message.
 */
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
