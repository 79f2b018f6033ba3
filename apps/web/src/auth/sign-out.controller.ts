import { Controller, Get, Inject, Logger, Optional, Post, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { endSession } from '../session/session.middleware';
import { Public } from './auth.decorators';
import { OidcSignInService, SIGNED_OUT_PATH } from './oidc-sign-in.service';

/**
 * Sign-out (a POST from the header's form, so another site cannot sign you out) and its confirmation page. With
 * an identity provider that offers sign-out (`end_session_endpoint`), the person is signed out there too and
 * comes back to the confirmation page; otherwise the provider's own session would sign them straight back in.
 */
@Controller()
export class SignOutController {
  private readonly logger = new Logger('SignOut');

  constructor(@Optional() @Inject(OidcSignInService) private readonly oidc?: OidcSignInService) {}

  @Post('sign-out')
  @Public()
  async signOut(@Req() req: Request, @Res() res: Response): Promise<void> {
    const idToken = req.session.idToken;
    await endSession(req, 'signed-out');
    res.redirect(303, (await this.providerSignOut(idToken)) ?? SIGNED_OUT_PATH);
  }

  @Get(SIGNED_OUT_PATH.slice(1))
  @Public()
  @Render('auth/signed-out')
  signedOut(): object {
    return {};
  }

  /** The provider's sign-out address; none (our session is over anyway) when it has none or cannot be reached. */
  private async providerSignOut(idToken: string | undefined): Promise<string | null> {
    if (!this.oidc || !idToken) return null;
    try {
      return (await this.oidc.endSessionUrl(idToken))?.href ?? null;
    } catch {
      this.logger.warn({ reason: 'provider-unreachable' }, 'signed out here only');
      return null;
    }
  }
}
