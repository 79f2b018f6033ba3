import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Role } from '../../../../libs/domain/src';
import { PUBLIC_KEY, ROLES_KEY } from './auth.decorators';
import { SignInRequiredError } from './sign-in-required.error';

/**
 * Every page needs a signed-in person unless marked @Public(); a page marked @Roles() needs one of those roles.
 * This only decides which pages to offer: what a person may see of a case is decided by the API.
 */
@Injectable()
export class WebAuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const user = context.switchToHttp().getRequest<Request>().session?.user;
    if (!user) throw new SignInRequiredError();
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.some((role) => user.roles.includes(role))) {
      throw new ForbiddenException('this page is for another role');
    }
    return true;
  }
}
