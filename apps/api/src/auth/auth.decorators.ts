import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import type { Principal, Role } from '../../../../libs/domain/src';

export const PUBLIC_ROUTE = 'auth:public';
export const ALLOWED_ROLES = 'auth:roles';

/** The route needs no token (health checks, API docs). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);

/**
 * Roles that may call the route at all. Object-level rules (whose case is it?) are applied in the services;
 * a route with neither @Public nor @Allow is refused for everyone, and the authorisation-matrix test fails.
 */
export const Allow = (...roles: Role[]): MethodDecorator & ClassDecorator =>
  SetMetadata(ALLOWED_ROLES, roles);

/** Request with the principal the auth guard established. */
export interface AuthenticatedRequest extends Request {
  principal?: Principal;
}

/** The authenticated principal of the current request. */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const request = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.principal)
    throw new Error('CurrentPrincipal used on a route the auth guard did not authenticate');
  return request.principal;
});
