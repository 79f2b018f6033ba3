import { Inject, Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import type * as OpenIdClient from 'openid-client';
import type { WebAppConfig, WebOidcConfig } from '../../../../libs/config/src';
import type { ClaimedIdentity } from '../../../../libs/domain/src';
import { identityFromClaims } from '../../../../libs/domain/src';
import type { PendingSignIn } from '../session/session.types';
import { WEB_APP_CONFIG } from '../web-config.token';
import { importEsm } from './esm-import';

/** Where the identity provider sends people back: `<WEB_PUBLIC_URL>` + this (register it with the provider). */
export const SIGN_IN_CALLBACK_PATH = '/sign-in/callback';

/** Where the identity provider sends people after it has signed them out too. */
export const SIGNED_OUT_PATH = '/signed-out';

/** How long a sign-in may take at the identity provider before its state, nonce and verifier are refused. */
export const PENDING_SIGN_IN_MS = 10 * 60 * 1000;

/** Why a sign-in was refused; each has its own words on the page and nothing else in the logs. */
export type SignInRefusal = 'expired' | 'cancelled' | 'invalid' | 'no-role';

/** A sign-in the web service will not complete: the page says why, in words (never the library's message). */
export class SignInRefusedError extends Error {
  constructor(readonly reason: SignInRefusal) {
    super(`sign-in refused: ${reason}`);
    this.name = 'SignInRefusedError';
  }
}

/** A completed sign-in: who it is (read as the API reads claims) and the tokens the session keeps. */
export interface CompletedSignIn {
  identity: ClaimedIdentity;
  /** Sent to the API as the bearer token: issued by the provider for the API's audience. */
  accessToken: string;
  /** Kept for the provider's sign-out (`id_token_hint`). */
  idToken: string;
}

type Client = typeof OpenIdClient;

/**
 * The OpenID Connect authorisation-code flow with PKCE, through `openid-client`, against the issuer the API
 * trusts. The provider's metadata is discovered on first use, not at start-up, so the web service starts (and
 * says so) while the provider is down; a failed discovery is retried on the next sign-in.
 */
@Injectable()
export class OidcSignInService {
  private readonly logger = new Logger('OidcSignIn');
  private readonly settings: WebOidcConfig;
  private provider?: Promise<{ client: Client; configuration: OpenIdClient.Configuration }>;

  constructor(@Inject(WEB_APP_CONFIG) private readonly config: WebAppConfig) {
    if (!config.web.oidc) throw new Error('OidcSignInService needs WEB_OIDC_ISSUER');
    this.settings = config.web.oidc;
  }

  /** The provider's address to send the person to, and what the session must keep to check the way back. */
  async begin(now = Date.now()): Promise<{ url: URL; pending: PendingSignIn }> {
    const { client, configuration } = await this.discovered();
    const codeVerifier = client.randomPKCECodeVerifier();
    const pending: PendingSignIn = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      codeVerifier,
      startedAt: now,
    };
    const url = client.buildAuthorizationUrl(configuration, {
      response_type: 'code',
      redirect_uri: this.url(SIGN_IN_CALLBACK_PATH),
      scope: this.settings.scope,
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
    });
    return { url, pending };
  }

  /**
   * Checks the provider's answer against what the session kept (state; PKCE, by the code exchange; nonce and the
   * ID token's signature, issuer, audience and times), exchanges the code, and reads who signed in.
   */
  async complete(
    callbackPath: string,
    pending: PendingSignIn | undefined,
    now = Date.now(),
  ): Promise<CompletedSignIn> {
    if (!pending || now - pending.startedAt > PENDING_SIGN_IN_MS) {
      throw this.refused('expired', pending ? 'took too long' : 'no sign-in in progress');
    }
    const { client, configuration } = await this.discovered();
    // The address as the provider sent it, on the configured public origin whatever a proxy did to the Host
    // header: openid-client sends it back as the redirect_uri, which must be the registered one.
    const callbackUrl = new URL(callbackPath, this.config.web.publicUrl);
    let tokens: OpenIdClient.TokenEndpointResponse & OpenIdClient.TokenEndpointResponseHelpers;
    try {
      tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
    } catch (error) {
      throw this.refusalFor(client, error);
    }
    const claims = tokens.claims();
    const identity = claims ? identityFromClaims(claims) : null;
    if (!identity || !tokens.id_token) throw this.refused('invalid', 'no usable ID token');
    if (identity.principal.roles.length === 0) throw this.refused('no-role', 'no role claimed');
    return { identity, accessToken: tokens.access_token, idToken: tokens.id_token };
  }

  /** The provider's sign-out address, when it has one, that sends the person back to our signed-out page. */
  async endSessionUrl(idToken: string): Promise<URL | null> {
    const { client, configuration } = await this.discovered();
    if (!configuration.serverMetadata().end_session_endpoint) return null;
    return client.buildEndSessionUrl(configuration, {
      id_token_hint: idToken,
      post_logout_redirect_uri: this.url(SIGNED_OUT_PATH),
    });
  }

  private url(path: string): string {
    return `${this.config.web.publicUrl}${path}`;
  }

  private discovered(): Promise<{ client: Client; configuration: OpenIdClient.Configuration }> {
    this.provider ??= this.discover().catch((error: unknown) => {
      // Forget the failure, so the next sign-in tries again; the kind only (a URL is configuration, not secret,
      // but an error message from a proxy could carry anything).
      this.provider = undefined;
      this.logger.error(
        { err: { type: error instanceof Error ? error.name : typeof error } },
        'OIDC discovery failed',
      );
      throw new ServiceUnavailableException('the identity provider cannot be reached');
    });
    return this.provider;
  }

  private async discover(): Promise<{ client: Client; configuration: OpenIdClient.Configuration }> {
    const client = await importEsm<Client>('openid-client');
    const issuer = new URL(this.settings.issuer);
    const secret = this.settings.clientSecret;
    const configuration = await client.discovery(
      issuer,
      this.settings.clientId,
      secret ?? undefined,
      // With a secret, a confidential client (and PKCE too); without, a public client with PKCE only.
      secret ? client.ClientSecretPost(secret) : client.None(),
      {
        // Configuration refuses an http issuer in production; development and the tests run one on localhost.
        execute: issuer.protocol === 'http:' ? [client.allowInsecureRequests] : [],
        timeout: 10,
      },
    );
    return { client, configuration };
  }

  /** What went wrong, as a refusal the person can act on, or the provider being unreachable (503). */
  private refusalFor(client: Client, error: unknown): Error {
    if (error instanceof client.AuthorizationResponseError) {
      // The provider said no (the person cancelled at its consent page, say): `error` is a fixed code.
      return this.refused('cancelled', error.error);
    }
    const code =
      error instanceof client.ClientError
        ? error.code
        : error instanceof client.ResponseBodyError
          ? error.error
          : undefined;
    const unreachable =
      code === 'OAUTH_TIMEOUT' ||
      (error instanceof client.ResponseBodyError && error.status >= 500) ||
      // fetch() itself failed (connection refused, DNS): openid-client wraps the TypeError without a code.
      (error instanceof client.ClientError && code === undefined && error.cause instanceof TypeError);
    if (unreachable) {
      this.logger.error({ err: { type: 'token-exchange-failed', code } }, 'OIDC token exchange failed');
      return new ServiceUnavailableException('the identity provider cannot be reached');
    }
    return this.refused('invalid', code ?? (error instanceof Error ? error.name : typeof error));
  }

  /** Logs the reason and a fixed code from the library or the provider: never a claim, a token or a message. */
  private refused(reason: SignInRefusal, code: string): SignInRefusedError {
    this.logger.warn({ reason, code }, 'sign-in refused');
    return new SignInRefusedError(reason);
  }
}
