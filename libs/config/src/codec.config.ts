import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import type { CodecKeyring } from '../../codec/src/codec-keys';
import { codecKeyringForConfig } from '../../codec/src/codec-keys';
import { nodeEnvOf } from './runtime.config';
import { defineConcern, splitList, Variable } from './variables';

class CodecVariables {
  // Checked by codecKeyringForConfig (lengths, ids, the development-key rule), which needs NODE_ENV as well.
  @Variable(
    'AES-256 keys for Temporal payloads: `{"id":"<base64>"}` or `id:<base64>,id:<base64>`, 32 bytes each',
    { default: '**public development key** (refused when `NODE_ENV=production`)' },
  )
  @IsString()
  @IsOptional()
  CODEC_KEYS?: string;

  @Variable('which of `CODEC_KEYS` encrypts new payloads; required when there are several', {
    default: 'the only key',
  })
  @IsString()
  @IsOptional()
  CODEC_CURRENT_KEY_ID?: string;

  @Variable(
    '`true`: the worker refuses workflow starts, updates, signals and queries whose payloads are not encrypted with `CODEC_KEYS` (sent to Temporal directly, not through the API). Set `false` only while cases started before encryption remain open',
    { default: '`true` when `NODE_ENV=production`, else `false`' },
  )
  @IsIn(['true', 'false'])
  @IsOptional()
  CODEC_REFUSE_PLAINTEXT?: 'true' | 'false';

  @Variable('Temporal UI origin(s), comma-separated, allowed to call `/codec/*` from the browser')
  @Matches(/^https?:\/\/[^/\s,]+(\s*,\s*https?:\/\/[^/\s,]+)*$/, {
    message: 'CODEC_CORS_ORIGIN must be origins like http://localhost:8233, comma-separated, without paths',
  })
  @IsOptional()
  // The dev server's UI under both names a browser may show it by (`npm start` prints 127.0.0.1).
  CODEC_CORS_ORIGIN = 'http://127.0.0.1:8233,http://localhost:8233';
}

/** Payload encryption keys for Temporal, and the Temporal UI origins allowed to call the codec endpoint. */
export interface CodecConfig {
  keyring: CodecKeyring;
  /** Workers decode unencrypted inbound payloads to a refusal (libs/contracts plaintext-refusal.ts). */
  refusePlaintext: boolean;
  corsOrigins: string[];
}

/** CODEC_*. */
export const codecConfig = defineConcern({
  title: 'Payload encryption',
  summary: 'Keys for the payloads and failures the apps store in Temporal, and who may decode them.',
  variables: CodecVariables,
  build: (vars, problems, env): CodecConfig => {
    const keyring = codecKeyringForConfig(
      {
        keys: vars.CODEC_KEYS,
        currentKeyId: vars.CODEC_CURRENT_KEY_ID,
        nodeEnv: nodeEnvOf(env) ?? undefined,
      },
      problems,
    );
    return {
      keyring,
      refusePlaintext: vars.CODEC_REFUSE_PLAINTEXT
        ? vars.CODEC_REFUSE_PLAINTEXT === 'true'
        : nodeEnvOf(env) === 'production',
      corsOrigins: splitList(vars.CODEC_CORS_ORIGIN),
    };
  },
});
