import { IsOptional, IsString } from 'class-validator';
import { defineConcern, Variable } from './variables';
import type { Env } from './variables';

/** The deployment kinds NODE_ENV may name; anything else is refused rather than guessed. */
export const NODE_ENVS = ['production', 'development', 'test'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];

class RuntimeVariables {
  @Variable(
    '`production`, `development` or `test` (any case); `production` turns on the production guards: real codec and audit keys, a remote https JWKS, a real person-key secret, https partners, no simulated record checks',
    { default: 'unset' },
  )
  @IsString()
  @IsOptional()
  NODE_ENV?: string;
}

/** Which kind of deployment this is. */
export interface RuntimeConfig {
  /** NODE_ENV lower-cased, or null when unset; only `production` changes behaviour. */
  nodeEnv: NodeEnv | null;
  production: boolean;
}

/**
 * NODE_ENV as one of {@link NODE_ENVS}, whatever its case and surrounding spaces; null when unset or unknown.
 * `NODE_ENV=Production` once booted with the public development keys because only the exact string
 * `production` turned the guards on; every check of the deployment kind goes through here instead.
 */
export function nodeEnvOf(env: Env): NodeEnv | null {
  const normalised = env.NODE_ENV?.trim().toLowerCase();
  return (NODE_ENVS as readonly string[]).includes(normalised ?? '') ? (normalised as NodeEnv) : null;
}

/** Whether the production guards apply (NODE_ENV is `production` in any case). */
export function isProduction(env: Env): boolean {
  return nodeEnvOf(env) === 'production';
}

/** NODE_ENV. */
export const runtimeConfig = defineConcern({
  title: 'Runtime',
  summary: 'What kind of deployment this is.',
  variables: RuntimeVariables,
  build: (vars, problems, env): RuntimeConfig => {
    const nodeEnv = nodeEnvOf(env);
    if (vars.NODE_ENV !== undefined && vars.NODE_ENV.trim() !== '' && nodeEnv === null) {
      // An unknown value (say `prod`) would quietly switch the production guards off.
      problems.push(`NODE_ENV must be one of ${NODE_ENVS.join(', ')} (in any case), not "${vars.NODE_ENV}"`);
    }
    return { nodeEnv, production: nodeEnv === 'production' };
  },
});
