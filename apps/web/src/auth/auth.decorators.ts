import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import type { Role } from '../../../../libs/domain/src';
import type { ApiCaller } from '../api/api-client.service';
import type { SignedInUser } from '../session/session.types';

export const PUBLIC_KEY = 'web:public';
export const ROLES_KEY = 'web:roles';

/** A page anyone may see, signed in or not (sign-in, statements, error pages). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_KEY, true);

/** Pages only these roles may reach; anyone else signed in gets the 403 page. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES_KEY, roles);

/** The signed-in person (the guard has made sure there is one). */
export function currentUserOf(req: Request): SignedInUser {
  const user = req.session.user;
  if (!user) throw new Error('CurrentUser used on a public route');
  return user;
}

/** The signed-in person's API credentials, for ApiClient. */
export function callerOf(req: Request): ApiCaller {
  const token = req.session.accessToken;
  if (!token) throw new Error('Caller used on a public route');
  return { accessToken: token };
}

/** The signed-in person, as a handler parameter. */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): SignedInUser =>
  currentUserOf(ctx.switchToHttp().getRequest<Request>()),
);

/** The signed-in person's API credentials, as a handler parameter. */
export const Caller = createParamDecorator((_: unknown, ctx: ExecutionContext): ApiCaller =>
  callerOf(ctx.switchToHttp().getRequest<Request>()),
);
