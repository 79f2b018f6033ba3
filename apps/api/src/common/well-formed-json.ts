// A lone UTF-16 surrogate cannot be stored or re-encoded faithfully, and some validators throw on it (found by
// the hostile-input property test): refuse such bodies at parse time, as malformed JSON (400).
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** JSON.parse reviver that rejects strings (keys or values) that are not well-formed Unicode. */
export function rejectMalformedUnicode(key: string, value: unknown): unknown {
  if (LONE_SURROGATE.test(key) || (typeof value === 'string' && LONE_SURROGATE.test(value))) {
    throw new SyntaxError('request body contains text that is not valid Unicode');
  }
  return value;
}
