import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, Role } from '../../../../libs/domain/src';
import { ALLOWED_ROLES, AuthenticatedRequest, PUBLIC_ROUTE } from './auth.decorators';
import { TokenVerifier } from './token-verifier.service';

/**
 * Every route needs a valid bearer token and a role it allows, unless marked @Public. A route with no @Allow is
 * closed to everyone: forgetting an access rule fails safe (and fails the authorisation-matrix test).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(header) : null;
    if (!match?.[1]) throw new DomainError('UNAUTHENTICATED', 'send an access token: Authorization: Bearer <token>');
    const principal = await this.verifier.verify(match[1]);
    request.principal = principal;

    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets) ?? [];
    if (!principal.roles.some((role) => allowed.includes(role))) {
      throw new DomainError('FORBIDDEN', 'your role does not allow this');
    }
    return true;
  }
}
