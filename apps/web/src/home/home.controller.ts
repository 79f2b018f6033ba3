import { Controller, Get, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { homeFor } from '../auth/start-pages';

/** The front door (sends you to your start page, or to sign in) and the statements every service publishes. */
@Controller()
export class HomeController {
  @Get()
  @Public()
  home(@Req() req: Request, @Res() res: Response): void {
    const user = req.session.user;
    res.redirect(303, user ? homeFor(user.roles) : '/sign-in');
  }

  @Get('accessibility')
  @Public()
  @Render('home/accessibility')
  accessibility(): object {
    return {};
  }

  @Get('cookies')
  @Public()
  @Render('home/cookies')
  cookies(): object {
    return {};
  }
}
