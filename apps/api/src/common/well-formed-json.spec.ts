import { rejectMalformedUnicode } from './well-formed-json';

const parse = (text: string): unknown => JSON.parse(text, rejectMalformedUnicode);

describe('rejectMalformedUnicode', () => {
  it('accepts ordinary and astral text', () => {
    expect(parse('{"name": "Zoë 😀"}')).toEqual({ name: 'Zoë 😀' });
  });

  it('refuses a lone high or low surrogate in a value or a key', () => {
    expect(() => parse('{"name": "a\\ud800b"}')).toThrow(SyntaxError);
    expect(() => parse('{"name": "\\udc00"}')).toThrow(SyntaxError);
    expect(() => parse('{"\\ud800": 1}')).toThrow(SyntaxError);
  });
});
