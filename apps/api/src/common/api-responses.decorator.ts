import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { METHOD_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { ApiBearerAuth, ApiResponse, DECORATORS } from '@nestjs/swagger';
import { PUBLIC_ROUTE } from '../auth/auth.decorators';
import { ErrorResponse } from './error-response';

const STANDARD = {
  400: 'Malformed input: every bad field is named in details',
  401: 'No valid bearer token',
  403: 'Your role may not use this route',
  413: 'Body over 100 kB',
  415: 'Body not sent as application/json; nothing was changed',
  429: 'Rate limited; slow down and retry',
} as const;

/**
 * Documents the answers every route shares, from what the route is: 401 and 403 (and the bearer token) unless
 * it is @Public, 400 when it takes a body, a query or path parameters, 413 and 415 when it takes a body, and 429
 * everywhere (the rate limit is global). Put it on every controller class, above @Allow/@Public;
 * test/unit/openapi.spec.ts fails on an operation without these answers. A route's own description of a
 * status wins over the standard one.
 */
export function ApiStandardResponses(): ClassDecorator {
  return (target) => {
    const classIsPublic = Reflect.getMetadata(PUBLIC_ROUTE, target) === true;
    const prototype = (target as unknown as { prototype: object }).prototype;
    for (const key of Object.getOwnPropertyNames(prototype)) {
      const descriptor = Object.getOwnPropertyDescriptor(prototype, key);
      const handler: unknown = descriptor?.value;
      if (!descriptor || typeof handler !== 'function' || key === 'constructor') continue;
      if (Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue; // not a route
      const isPublic = classIsPublic || Reflect.getMetadata(PUBLIC_ROUTE, handler) === true;
      const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, target, key) ?? {}) as Record<string, unknown>;
      const kinds = Object.keys(args).map((arg) => Number(arg.split(':')[0]));
      const takesBody = kinds.includes(RouteParamtypes.BODY);
      const takesInput =
        takesBody || kinds.includes(RouteParamtypes.QUERY) || kinds.includes(RouteParamtypes.PARAM);
      const declared = {
        ...(Reflect.getMetadata(DECORATORS.API_RESPONSE, target) as object | undefined),
        ...(Reflect.getMetadata(DECORATORS.API_RESPONSE, handler) as object | undefined),
      } as Record<string, unknown>;
      const statuses: (keyof typeof STANDARD)[] = [429];
      if (!isPublic) statuses.push(401, 403);
      if (takesInput) statuses.push(400);
      if (takesBody) statuses.push(413, 415);
      if (!isPublic) ApiBearerAuth()(prototype, key, descriptor);
      for (const status of statuses) {
        if (declared[String(status)] !== undefined) continue;
        ApiResponse({ status, type: ErrorResponse, description: STANDARD[status] })(
          prototype,
          key,
          descriptor,
        );
      }
    }
  };
}
