import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { AsNumber, defineConcern, Variable } from './variables';

/** Signs the session cookie and CSRF tokens on the embedded default; refused in production. */
export const DEVELOPMENT_SESSION_SECRET = 'development-only-web-session-secret-not-for-production';

class WebVariables {
  @Variable('port of the web service (`apps/web`)')
  @AsNumber()
  @IsInt()
  @Min(1)
  @Max(65535)
  @IsOptional()
  WEB_PORT = 3001;

  @Variable('the API as the web service reaches it')
  @IsOptional()
  @Matches(/^https?:\/\//, { message: 'WEB_API_URL must be an http(s) URL' })
  WEB_API_URL = 'http://127.0.0.1:3000';

  @Variable(
    'the address people use to reach the web service; OIDC redirects come back here, and the session cookie is ' +
      '`Secure` unless its host is localhost',
    { default: '`http://127.0.0.1:<WEB_PORT>`' },
  )
  @IsOptional()
  @Matches(/^https?:\/\/[^/]+$/, {
    message: 'WEB_PUBLIC_URL must be an origin such as https://vetting.example',
  })
  WEB_PUBLIC_URL?: string;

  @Variable('signs session cookies and CSRF tokens; at least 32 characters; required in production', {
    default: 'a development secret',
  })
  @IsString()
  @IsOptional()
  WEB_SESSION_SECRET?: string;

  @Variable('a session unused for this long ends (seconds)')
  @AsNumber()
  @IsInt()
  @Min(1)
  @IsOptional()
  WEB_SESSION_IDLE_SECONDS = 1800;

  @Variable('a session ends this long after sign-in, however busy (seconds)')
  @AsNumber()
  @IsInt()
  @Min(1)
  @IsOptional()
  WEB_SESSION_ABSOLUTE_SECONDS = 28800;

  @Variable(
    'OpenID Connect issuer people sign in with (authorisation code and PKCE; its redirect back is ' +
      '`<WEB_PUBLIC_URL>/sign-in/callback`); required, and https, in production, where the development sign-in ' +
      'page does not exist',
  )
  @IsOptional()
  @Matches(/^https?:\/\//, { message: 'WEB_OIDC_ISSUER must be an http(s) URL' })
  WEB_OIDC_ISSUER?: string;

  @Variable('client id of the web service at the OIDC issuer')
  @IsString()
  @IsOptional()
  WEB_OIDC_CLIENT_ID = 'vetting-web';

  @Variable('client secret at the OIDC issuer (unset: a public client, PKCE only)')
  @IsString()
  @IsOptional()
  WEB_OIDC_CLIENT_SECRET?: string;

  @Variable(
    'scopes asked of the OIDC issuer: enough for its ID token to carry `roles` (and `team`, `name`) as the API ' +
      "reads them from its access token (say `openid profile roles`, whatever the provider's scope is called)",
  )
  @IsString()
  @IsOptional()
  WEB_OIDC_SCOPE = 'openid';
}

/** The web service's OIDC client. */
export interface WebOidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string | null;
  scope: string;
}

/** The web service: where it listens, the API it calls, its sessions and how people sign in. */
export interface WebConfig {
  port: number;
  apiUrl: string;
  publicUrl: string;
  /** Whether cookies are marked Secure: everywhere but localhost. */
  secureCookies: boolean;
  sessionSecret: string;
  idleTimeoutMs: number;
  absoluteTimeoutMs: number;
  /** Null: the embedded development sign-in (never in production). */
  oidc: WebOidcConfig | null;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** WEB_*. */
export const webConfig = defineConcern({
  title: 'Web service',
  summary:
    'The web service (`apps/web`): its address, the API it calls, sessions (kept in PostgreSQL, sealed with `DATA_KEYS`) and sign-in. ' +
    'Without `WEB_OIDC_ISSUER` it offers the development sign-in page, which refuses to exist in production.',
  variables: WebVariables,
  build: (vars, problems, env): WebConfig => {
    const production = env.NODE_ENV === 'production';
    const publicUrl = vars.WEB_PUBLIC_URL ?? `http://127.0.0.1:${vars.WEB_PORT}`;
    const secret = vars.WEB_SESSION_SECRET ?? DEVELOPMENT_SESSION_SECRET;
    if (secret.length < 32) problems.push('WEB_SESSION_SECRET must be at least 32 characters');
    if (production && secret === DEVELOPMENT_SESSION_SECRET) {
      problems.push('WEB_SESSION_SECRET must be set in production');
    }
    if (production && !vars.WEB_OIDC_ISSUER) {
      problems.push(
        'WEB_OIDC_ISSUER must be set in production: the development sign-in does not exist there',
      );
    }
    if (production && vars.WEB_OIDC_ISSUER && !vars.WEB_OIDC_ISSUER.startsWith('https://')) {
      // Discovery, keys and the code exchange over http could all be swapped on the way.
      problems.push('WEB_OIDC_ISSUER must be https:// in production');
    }
    if (vars.WEB_SESSION_ABSOLUTE_SECONDS < vars.WEB_SESSION_IDLE_SECONDS) {
      problems.push('WEB_SESSION_ABSOLUTE_SECONDS must not be shorter than WEB_SESSION_IDLE_SECONDS');
    }
    return {
      port: vars.WEB_PORT,
      apiUrl: vars.WEB_API_URL.replace(/\/+$/, ''),
      publicUrl,
      secureCookies: !LOCAL_HOSTS.has(new URL(publicUrl).hostname),
      sessionSecret: secret,
      idleTimeoutMs: vars.WEB_SESSION_IDLE_SECONDS * 1000,
      absoluteTimeoutMs: vars.WEB_SESSION_ABSOLUTE_SECONDS * 1000,
      oidc: vars.WEB_OIDC_ISSUER
        ? {
            issuer: vars.WEB_OIDC_ISSUER,
            clientId: vars.WEB_OIDC_CLIENT_ID,
            // Empty (as Compose passes an unset optional) is no secret: a public client.
            clientSecret: vars.WEB_OIDC_CLIENT_SECRET || null,
            scope: vars.WEB_OIDC_SCOPE,
          }
        : null,
    };
  },
});
