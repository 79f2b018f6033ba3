import { MAX_TEXT_LENGTH, textProblem, unsafeTextIn } from './safe-text';

describe('textProblem', () => {
  it.each([
    ['plain text', 'Jane O’Brien-Smith'],
    ['tab, line feed and carriage return', 'line one\r\n\tline two'],
    ['a surrogate pair (emoji)', 'ok 👍'],
    ['combining marks and right-to-left text', 'e\u0301 שלום'],
    ['exactly the maximum length', 'x'.repeat(MAX_TEXT_LENGTH)],
  ])('accepts %s', (_, text) => {
    expect(textProblem(text)).toBeNull();
  });

  it.each([
    ['NUL', 'a\u0000b', 'control characters (U+0000)'],
    ['another C0 control', 'bell\u0007', 'control characters (U+0007)'],
    ['escape', '\u001b[31m', 'control characters (U+001B)'],
    ['DEL', 'x\u007f', 'control characters (U+007F)'],
    ['a C1 control', 'x\u0085', 'control characters (U+0085)'],
    ['a lone high surrogate', 'x\ud800y', 'lone surrogate U+D800'],
    ['a lone low surrogate', '\udc00', 'lone surrogate U+DC00'],
    ['a reversed pair', '\udc00\ud800', 'lone surrogate U+DC00'],
    ['U+FFFE', '\ufffe', 'non-characters (U+FFFE)'],
    ['U+FDD0', '\ufdd0', 'non-characters (U+FDD0)'],
    ['U+1FFFF', '\ud83f\udfff', 'non-characters (U+1FFFF)'],
    ['U+10FFFE', '\udbff\udffe', 'non-characters (U+10FFFE)'],
    ['an over-long string', 'x'.repeat(MAX_TEXT_LENGTH + 1), `at most ${MAX_TEXT_LENGTH} characters`],
  ])('refuses %s', (_, text, expected) => {
    expect(textProblem(text)).toContain(expected);
  });
});

describe('unsafeTextIn', () => {
  it('names the dotted path of every refused string, keys included', () => {
    const body = JSON.parse(
      '{"givenName":"a\\u0000","addressHistory":[{"country":"GB"},{"country":"\\ud800"}],"ok":"fine","n":3}',
    ) as unknown;
    expect(unsafeTextIn(body).map((p) => p.field)).toEqual(['givenName', 'addressHistory.1.country']);
    expect(unsafeTextIn({ 'bad\u0000key': 1 })).toEqual([
      { field: '(key)', problem: expect.stringContaining('property name') as unknown },
    ]);
  });

  it('refuses prototype-named keys wherever they are', () => {
    const body = JSON.parse(
      '{"__proto__":{"admin":true},"a":{"constructor":1},"b":[{"prototype":2}]}',
    ) as unknown;
    expect(unsafeTextIn(body).map((p) => p.field)).toEqual(['__proto__', 'a.constructor', 'b.0.prototype']);
  });

  it('prefixes where the value came from and refuses absurd nesting', () => {
    expect(unsafeTextIn({ q: '\u0000' }, 'query')[0]?.field).toBe('query.q');
    let deep: unknown = 'x';
    for (let i = 0; i < 40; i++) deep = [deep];
    expect(unsafeTextIn(deep)[0]?.problem).toBe('is nested too deeply');
  });
});
