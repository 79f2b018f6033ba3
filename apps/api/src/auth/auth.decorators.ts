import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import type { CaseAction, ClearanceAction, Principal, Role } from '../../../../libs/domain/src';
import { clearanceRolesFor, rolesFor } from '../../../../libs/domain/src';

export const PUBLIC_ROUTE = 'auth:public';
export const ALLOWED_ROLES = 'auth:roles';
export const CASE_ACTION_ROUTE = 'auth:case-action';
export const CLEARANCE_ACTION_ROUTE = 'auth:clearance-action';

/** The route needs no token (health checks, API docs). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);

/**
 * Roles that may call the route at all. Object-level rules (whose case is it?) are applied in the services;
 * a route with neither @Public nor @Allow is refused for everyone, and the authorisation-matrix test fails.
 */
export const Allow = (...roles: Role[]): MethodDecorator & ClassDecorator =>
  SetMetadata(ALLOWED_ROLES, roles);

/**
 * The route performs a case action: the roles that may call it are the ones the transition table's `by` column
 * names for that action, never a list written here (test/e2e/authorisation-matrix.e2e.spec.ts checks every route).
 */
export const AllowAction = (action: CaseAction): MethodDecorator & ClassDecorator => {
  const roles = rolesFor(action);
  if (roles.length === 0) throw new Error(`the transition table lets no role perform ${action}`);
  return applyDecorators(SetMetadata(ALLOWED_ROLES, roles), SetMetadata(CASE_ACTION_ROUTE, action));
};

/**
 * The route performs an action on a held clearance: its roles come from the clearance transition table's `by`
 * column (the holder acts with the APPLICANT role and is checked by subject), never from a list written here.
 */
export const AllowClearanceAction = (action: ClearanceAction): MethodDecorator & ClassDecorator => {
  const roles = clearanceRolesFor(action);
  if (roles.length === 0) throw new Error(`the clearance transition table lets no role perform ${action}`);
  return applyDecorators(SetMetadata(ALLOWED_ROLES, roles), SetMetadata(CLEARANCE_ACTION_ROUTE, action));
};

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
