import { DomainError } from '../../../../libs/domain/src';
import { parsePayloadsBody, toPayloadsBody } from './codec-protocol';

const b64 = (text: string): string => Buffer.from(text).toString('base64');

function problemsOf(body: unknown): { field: string; problems: string[] }[] {
  try {
    parsePayloadsBody(body);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('VALIDATION_FAILED');
    return (error as DomainError).details.fields as { field: string; problems: string[] }[];
  }
  throw new Error('expected the body to be refused');
}

describe('the remote codec protocol body', () => {
  it('reads proto3 JSON payloads and writes them back in the same shape', () => {
    const body = { payloads: [{ metadata: { encoding: b64('json/plain') }, data: b64('"hi"') }] };
    const payloads = parsePayloadsBody(body);
    expect(Buffer.from(payloads[0]?.data ?? []).toString()).toBe('"hi"');
    expect(toPayloadsBody(payloads)).toEqual(body);
  });

  it('accepts URL-safe and unpadded base64, and missing metadata or data (proto3 omits empty fields)', () => {
    const [a, b] = parsePayloadsBody({ payloads: [{ data: '-_8' }, {}] });
    expect([...(a?.data ?? [])]).toEqual([0xfb, 0xff]);
    expect(b).toEqual({ metadata: {}, data: new Uint8Array() });
    expect(parsePayloadsBody({ payloads: [] })).toEqual([]);
  });

  it('refuses a body that is not { payloads: [...] }', () => {
    for (const body of [undefined, null, [], 'x', {}, { payloads: {} }]) {
      expect(problemsOf(body)).toEqual([{ field: 'payloads', problems: [expect.stringMatching(/array/)] }]);
    }
  });

  it('names every malformed payload, metadata value and data field', () => {
    expect(
      problemsOf({
        payloads: [
          'nope',
          { metadata: { encoding: 'not base64!' }, data: b64('ok') },
          { metadata: [], data: 42 },
          { data: 'abcde' },
        ],
      }).map((p) => p.field),
    ).toEqual([
      'payloads.0',
      'payloads.1.metadata.encoding',
      'payloads.2.metadata',
      'payloads.2.data',
      'payloads.3.data',
    ]);
  });
});
