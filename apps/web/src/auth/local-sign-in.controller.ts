import { Body, Controller, Get, Inject, Post, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { LocalUser, WebAppConfig } from '../../../../libs/config/src';
import { findLocalUser, LOCAL_USERS } from '../../../../libs/config/src';
import { ROLES } from '../../../../libs/domain/src';
import { ensureLocalKeys, mintToken } from '../../../api/src/auth/local-keys';
import { startSession } from '../session/session.middleware';
import { WEB_APP_CONFIG } from '../web-config.token';
import { Public } from './auth.decorators';
import { homeFor, ROLE_NAMES } from './start-pages';

/**
 * The embedded default's sign-in: pick a local user and you are signed in as them, with a token signed by the
 * development key the API trusts. Registered only outside production (see WebModule), so in production
 * GET /sign-in is the OIDC controller's and this page does not exist.
 */
@Controller()
export class LocalSignInController {
  constructor(@Inject(WEB_APP_CONFIG) private readonly config: WebAppConfig) {}

  @Get('sign-in')
  @Public()
  @Render('auth/local-sign-in')
  page(@Req() req: Request): object {
    const endedBecause = req.session.endedBecause;
    delete req.session.endedBecause;
    const groups = ROLES.map((role) => ({
      role: ROLE_NAMES[role],
      users: LOCAL_USERS.filter((user) => user.roles[0] === role).map((user) => ({
        ...user,
        teamName: user.team ?? null,
      })),
    })).filter((group) => group.users.length > 0);
    return { groups, endedBecause };
  }

  @Post('sign-in')
  @Public()
  async signIn(@Body('subject') subject: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const user = typeof subject === 'string' ? findLocalUser(subject) : undefined;
    if (!user) {
      req.session.flash = { kind: 'error', text: 'Choose someone to sign in as' };
      return res.redirect(303, '/sign-in');
    }
    await startSession(
      req,
      { subject: user.subject, name: user.name, roles: user.roles, ...teamOf(user) },
      await this.tokenFor(user),
    );
    res.redirect(303, homeFor(user.roles));
  }

  private async tokenFor(user: LocalUser): Promise<string> {
    const { issuer, audience, jwksFile } = this.config.auth;
    const keys = await ensureLocalKeys(jwksFile);
    return mintToken(keys, {
      issuer,
      audience,
      principal: { subject: user.subject, roles: user.roles, ...teamOf(user) },
      name: user.name,
      // The API refuses the token once the session could not be alive any more.
      expiresIn: `${Math.ceil(this.config.web.absoluteTimeoutMs / 1000)}s`,
    });
  }
}

function teamOf(user: LocalUser): { team?: string } {
  return user.team ? { team: user.team } : {};
}
