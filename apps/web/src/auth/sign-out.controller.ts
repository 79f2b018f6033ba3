import { Controller, Get, Post, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { endSession } from '../session/session.middleware';
import { Public } from './auth.decorators';

/** Sign-out (a POST from the header's form, so another site cannot sign you out) and its confirmation page. */
@Controller()
export class SignOutController {
  @Post('sign-out')
  @Public()
  async signOut(@Req() req: Request, @Res() res: Response): Promise<void> {
    await endSession(req, 'signed-out');
    res.redirect(303, '/signed-out');
  }

  @Get('signed-out')
  @Public()
  @Render('auth/signed-out')
  signedOut(): object {
    return {};
  }
}
