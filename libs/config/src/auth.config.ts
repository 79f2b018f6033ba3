import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { isProduction } from './runtime.config';
import { AsNumber, defineConcern, Variable } from './variables';

/** Token settings for local development; shared with `npm run token` so minted tokens verify. */
export const AUTH_DEFAULTS = {
  issuer: 'vetting-local',
  audience: 'vetting-api',
  jwksFile: '.data/auth/jwks.json',
  team: 'dv-team-1',
} as const;

class AuthVariables {
  @Variable('expected token issuer (`iss`)')
  @IsString()
  @IsOptional()
  AUTH_ISSUER: string = AUTH_DEFAULTS.issuer;

  @Variable('expected token audience (`aud`)')
  @IsString()
  @IsOptional()
  AUTH_AUDIENCE: string = AUTH_DEFAULTS.audience;

  @Variable("the identity provider's JWKS URL; required in production")
  @IsOptional()
  @Matches(/^https?:\/\//, { message: 'AUTH_JWKS_URL must be an http(s) URL of the identity provider JWKS' })
  AUTH_JWKS_URL?: string;

  @Variable('the local development JWKS (made on first use; refused in production)')
  @IsString()
  @IsOptional()
  AUTH_JWKS_FILE: string = AUTH_DEFAULTS.jwksFile;

  @Variable(
    'oldest token accepted, in seconds since its `iat`, whatever its `exp` says (a leaked long-lived token stops working)',
  )
  @AsNumber()
  @IsInt()
  @Min(60)
  @Max(7 * 24 * 3600)
  AUTH_MAX_TOKEN_AGE_SECONDS: number = 12 * 3600;

  @Variable(
    'clock skew tolerated between the identity provider and the API for `exp`, `nbf` and `iat`, in seconds',
  )
  @AsNumber()
  @IsInt()
  @Min(0)
  @Max(300)
  AUTH_CLOCK_SKEW_SECONDS: number = 60;
}

/** Bearer tokens: verified against a remote JWKS (real identity provider) or a local JWKS file (development). */
export interface AuthConfig {
  issuer: string;
  audience: string;
  jwksUrl: string | null;
  jwksFile: string;
  /** Tokens issued longer ago than this are refused even before their `exp`. */
  maxTokenAgeSeconds: number;
  /** Tolerance for `exp`, `nbf` and `iat`; a token issued further in the future than this is refused. */
  clockSkewSeconds: number;
}

/** AUTH_*. */
export const authConfig = defineConcern({
  title: 'Authentication',
  summary: 'How bearer tokens are verified.',
  variables: AuthVariables,
  build: (vars, problems, env): AuthConfig => {
    if (isProduction(env)) {
      // Without these a production API booted and then answered every request 401, logging nothing.
      if (vars.AUTH_JWKS_URL === undefined) {
        problems.push(
          "AUTH_JWKS_URL is required in production (the identity provider's JWKS; the local development keys are refused)",
        );
      } else if (!vars.AUTH_JWKS_URL.startsWith('https://')) {
        problems.push('AUTH_JWKS_URL must be https:// in production (keys fetched over http can be swapped)');
      }
    }
    return {
      issuer: vars.AUTH_ISSUER,
      audience: vars.AUTH_AUDIENCE,
      jwksUrl: vars.AUTH_JWKS_URL ?? null,
      jwksFile: vars.AUTH_JWKS_FILE,
      maxTokenAgeSeconds: vars.AUTH_MAX_TOKEN_AGE_SECONDS,
      clockSkewSeconds: vars.AUTH_CLOCK_SKEW_SECONDS,
    };
  },
});
