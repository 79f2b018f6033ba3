import { Controller, Get, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { startSession } from '../session/session.middleware';
import { Public } from './auth.decorators';
import { OidcSignInService, SIGN_IN_CALLBACK_PATH, SignInRefusedError } from './oidc-sign-in.service';
import type { SignInRefusal } from './oidc-sign-in.service';
import { homeFor } from './start-pages';

/** What the refusal page says for each reason; the person can always try again from it. */
const REFUSALS: Record<SignInRefusal, { title: string; text: string }> = {
  expired: {
    title: 'Your sign-in has expired',
    text: 'The sign-in was not started here, took too long, or was already used. Sign in again.',
  },
  cancelled: {
    title: 'You have not been signed in',
    text: 'Your organisation’s sign-in service did not sign you in. Sign in again, or ask your administrator.',
  },
  invalid: {
    title: 'Your sign-in could not be checked',
    text: 'The answer from your organisation’s sign-in service did not match the sign-in started here. Sign in again.',
  },
  'no-role': {
    title: 'You do not have access to this service',
    text: 'Your account has no role in this service. Ask your administrator to give you one.',
  },
};

/**
 * Sign-in with OpenID Connect (registered by WebModule when WEB_OIDC_ISSUER is set, instead of the development
 * page): GET /sign-in sends the person to the identity provider with a fresh state, nonce and PKCE verifier kept
 * in the session, and the callback checks them, exchanges the code and starts a new session.
 */
@Controller()
export class OidcSignInController {
  constructor(private readonly oidc: OidcSignInService) {}

  @Get('sign-in')
  @Public()
  async signIn(@Req() req: Request, @Res() res: Response): Promise<void> {
    const user = req.session.user;
    if (user) return res.redirect(303, homeFor(user.roles));
    if (req.session.endedBecause === 'expired') {
      // Said once, rather than bouncing through the provider (which may still have its own session and sign the
      // person straight back in, leaving them wondering what happened); the page's button starts the sign-in.
      delete req.session.endedBecause;
      await saved(req);
      return res.render('auth/oidc-sign-in', { endedBecause: 'expired' });
    }
    const { url, pending } = await this.oidc.begin();
    delete req.session.endedBecause;
    req.session.pendingSignIn = pending;
    // Kept before the browser leaves: the provider can send it back faster than express-session saves at the end.
    await saved(req);
    res.redirect(303, url.href);
  }

  @Get(SIGN_IN_CALLBACK_PATH.slice(1))
  @Public()
  async callback(@Req() req: Request, @Res() res: Response): Promise<void> {
    const pending = req.session.pendingSignIn;
    if (pending) {
      // Single use: whatever happens next, a replayed or second answer finds nothing to match.
      delete req.session.pendingSignIn;
      await saved(req);
    }
    try {
      const { identity, accessToken, idToken } = await this.oidc.complete(req.originalUrl, pending);
      const { principal, displayName } = identity;
      await startSession(req, { ...principal, name: displayName ?? principal.subject }, accessToken, idToken);
      res.redirect(303, homeFor(principal.roles));
    } catch (error) {
      if (!(error instanceof SignInRefusedError)) throw error;
      res
        .status(error.reason === 'no-role' ? 403 : 400)
        .render('auth/sign-in-refused', REFUSALS[error.reason]);
    }
  }
}

/** Writes the session now (see sessionSavedBeforeReplies for why waiting for the end of the response is late). */
function saved(req: Request): Promise<void> {
  return new Promise((resolve, reject) =>
    req.session.save((error) =>
      error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(),
    ),
  );
}
