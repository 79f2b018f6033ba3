// What text the system accepts from outside. PostgreSQL cannot store U+0000, a lone surrogate cannot be encoded
// faithfully anywhere, and control characters and non-characters have no business in names, reasons or notes:
// one such character once jammed a case's read-model for ever. So every string of every request is checked here,
// at the edge, before any validator or workflow sees it.

/** Longest string accepted in any request field; the body limit (100 kB) bounds everything else. */
export const MAX_TEXT_LENGTH = 10_000;

/** Keys that would reach an object's prototype machinery if anything ever merged a body into an object. */
export const PROTOTYPE_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

/** One refused field: a dotted path (`addressHistory.2.country`) and what is wrong with it. */
export interface TextProblem {
  field: string;
  problem: string;
}

// C0 controls except tab, line feed and carriage return; DEL and the C1 controls.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
// U+FDD0..U+FDEF and the last two code points of every plane (U+FFFE, U+FFFF, U+1FFFE, …).
const NON_CHARACTER =
  /[\ufdd0-\ufdef\ufffe\uffff]|[\ud83f\ud87f\ud8bf\ud8ff\ud93f\ud97f\ud9bf\ud9ff\uda3f\uda7f\udabf\udaff\udb3f\udb7f\udbbf\udbff][\udffe\udfff]/;

function codePoint(text: string, index: number): string {
  const cp = text.codePointAt(index) ?? 0;
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Why `text` is refused, or null if it is acceptable. */
export function textProblem(text: string, maxLength = MAX_TEXT_LENGTH): string | null {
  const control = CONTROL.exec(text);
  if (control) return `must not contain control characters (${codePoint(text, control.index)})`;
  const surrogate = LONE_SURROGATE.exec(text);
  if (surrogate) return `must be valid Unicode (lone surrogate ${codePoint(text, surrogate.index)})`;
  const nonCharacter = NON_CHARACTER.exec(text);
  if (nonCharacter) return `must not contain non-characters (${codePoint(text, nonCharacter.index)})`;
  if (text.length > maxLength) return `must be at most ${maxLength} characters`;
  return null;
}

/**
 * Every refused string (keys and values) and every prototype-named key in a parsed request value, with its
 * path. `prefix` names where the value came from ('' for a body, 'query', 'path').
 */
export function unsafeTextIn(value: unknown, prefix = '', maxLength = MAX_TEXT_LENGTH): TextProblem[] {
  const problems: TextProblem[] = [];
  const seen = new Set<unknown>();
  const walk = (node: unknown, path: string, depth: number): void => {
    if (typeof node === 'string') {
      const problem = textProblem(node, maxLength);
      if (problem) problems.push({ field: path || '(body)', problem });
      return;
    }
    if (typeof node !== 'object' || node === null || seen.has(node)) return;
    if (depth > 32) {
      problems.push({ field: path, problem: 'is nested too deeply' });
      return;
    }
    seen.add(node);
    for (const key of Object.keys(node)) {
      const field = path ? `${path}.${key}` : key;
      if (PROTOTYPE_KEYS.includes(key)) {
        problems.push({ field, problem: `property ${key} should not exist` });
        continue;
      }
      const keyProblem = textProblem(key, 200);
      if (keyProblem) {
        // The key itself is the hostile text: name it by position so the answer echoes nothing unsafe.
        problems.push({ field: path ? `${path}.(key)` : '(key)', problem: `property name ${keyProblem}` });
        continue;
      }
      walk((node as Record<string, unknown>)[key], field, depth + 1);
    }
  };
  walk(value, prefix, 0);
  return problems;
}
