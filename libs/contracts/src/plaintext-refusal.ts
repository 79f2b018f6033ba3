// Commands reach a workflow only through the API, which encrypts every payload with a configured key. A payload
// that arrives unencrypted was sent straight to Temporal (the CLI, the UI, a script with frontend access), so in
// production the worker's codec does not decode it: it hands the workflow this marker instead, and the workflow
// interceptors (workflows/refuse-unencrypted.interceptors.ts) refuse the start, update, signal or query that
// carried it. No import here: workflow code reads it.

/** The one key of the object a refusing codec puts in place of an unencrypted payload. */
export const PLAINTEXT_REFUSED_KEY = 'vettingUnencryptedPayloadRefused';

/** The failure type a workflow answers an unencrypted command with. */
export const UNENCRYPTED_COMMAND_FAILURE_TYPE = 'UNENCRYPTED_COMMAND';

/** True for the marker a refusing codec decodes an unencrypted payload to. */
export function isRefusedPlaintext(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<string, unknown>)[PLAINTEXT_REFUSED_KEY] === true
  );
}
