import { randomBytes } from 'node:crypto';
import type { CodecKeySettings } from './codec-keys';
import { codecKeyringFromEnv, DEVELOPMENT_KEY, DEVELOPMENT_KEY_ID, parseCodecKeyring } from './codec-keys';

const A = randomBytes(32).toString('base64');
const B = randomBytes(32).toString('base64');

function parse(settings: CodecKeySettings): {
  keyring: ReturnType<typeof parseCodecKeyring>;
  problems: string[];
} {
  const problems: string[] = [];
  return { keyring: parseCodecKeyring(settings, problems), problems };
}

describe('codec key configuration', () => {
  it('uses the development key when nothing is configured outside production', () => {
    const { keyring, problems } = parse({ nodeEnv: 'development' });
    expect(problems).toEqual([]);
    expect(keyring).toMatchObject({ currentKeyId: DEVELOPMENT_KEY_ID, developmentKey: true });
    expect(keyring?.keys.get(DEVELOPMENT_KEY_ID)?.equals(DEVELOPMENT_KEY)).toBe(true);
    expect(parse({}).keyring?.developmentKey).toBe(true);
  });

  it('requires keys in production and refuses the development key there', () => {
    expect(parse({ nodeEnv: 'production' }).problems).toEqual([
      expect.stringMatching(/CODEC_KEYS is required/),
    ]);
    const dev = DEVELOPMENT_KEY.toString('base64');
    expect(parse({ nodeEnv: 'production', keys: `prod-1:${dev}` }).problems).toEqual([
      expect.stringMatching(/public development key/),
    ]);
    expect(parse({ nodeEnv: 'production', keys: `${DEVELOPMENT_KEY_ID}:${A}` }).problems).toHaveLength(1);
  });

  it('reads a JSON object or a comma list of id:base64 keys', () => {
    const json = parse({ keys: JSON.stringify({ '2025-01': A, '2026-01': B }), currentKeyId: '2026-01' });
    const list = parse({ keys: ` 2025-01:${A} , 2026-01:${B} `, currentKeyId: '2026-01' });
    for (const { keyring, problems } of [json, list]) {
      expect(problems).toEqual([]);
      expect(keyring?.currentKeyId).toBe('2026-01');
      expect([...(keyring?.keys.keys() ?? [])]).toEqual(['2025-01', '2026-01']);
      expect(keyring?.keys.get('2025-01')?.toString('base64')).toBe(A);
      expect(keyring?.developmentKey).toBe(false);
    }
  });

  it('takes the only key as current when CODEC_CURRENT_KEY_ID is not set', () => {
    expect(parse({ keys: `only:${A}` }).keyring?.currentKeyId).toBe('only');
  });

  it('lists every problem: short keys, bad base64, bad ids, duplicates, unknown or missing current key', () => {
    const short = randomBytes(16).toString('base64');
    expect(parse({ keys: `a:${short},b:not*base64,bad id:${A},a:${A}` }).problems).toEqual([
      expect.stringMatching(/key "a" must be 32 bytes for AES-256, but is 16/),
      expect.stringMatching(/key "b" is not valid padded base64/),
      expect.stringMatching(/key id "bad id"/),
      expect.stringMatching(/names key id "a" twice/),
      expect.stringMatching(/CODEC_CURRENT_KEY_ID is required/),
    ]);
    expect(parse({ keys: `a:${A}`, currentKeyId: 'b' }).problems).toEqual([
      expect.stringMatching(/"b" is not one of the CODEC_KEYS \(a\)/),
    ]);
    expect(parse({ keys: '{"a": 1}' }).problems).toEqual([
      expect.stringMatching(/key "a" must be a base64 string/),
    ]);
    expect(parse({ keys: '{not json' }).problems).toEqual([expect.stringMatching(/does not parse/)]);
    expect(parse({ keys: 'no-colon' }).problems).toEqual([expect.stringMatching(/key-id:base64key/)]);
    expect(parse({ currentKeyId: 'x' }).problems).toEqual([expect.stringMatching(/set both or neither/)]);
  });

  it('throws every problem at once from the environment', () => {
    expect(() => codecKeyringFromEnv({ NODE_ENV: 'production' })).toThrow(
      /Invalid codec configuration:\n {2}- CODEC_KEYS/,
    );
    expect(codecKeyringFromEnv({ CODEC_KEYS: `k:${A}` }).currentKeyId).toBe('k');
  });
});
