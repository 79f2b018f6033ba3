const MAX_REF_LENGTH = 200;

/** True for a providerRef we are willing to store and echo: printable, at most 200 characters. */
export function isProviderRef(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length > 0 &&
    value.length <= MAX_REF_LENGTH &&
    /^[\x21-\x7e]+$/.test(value)
  );
}
