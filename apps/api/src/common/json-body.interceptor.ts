import {
  CallHandler,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { Request } from 'express';
import type { Observable } from 'rxjs';

/** Whether the handler reads a body (has a @Body() parameter). */
export function routeTakesBody(context: ExecutionContext): boolean {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), context.getHandler().name) ??
    {}) as Record<string, unknown>;
  return Object.keys(args).some((arg) => Number(arg.split(':')[0]) === Number(RouteParamtypes.BODY));
}

/** Whether the request carries a body at all (the test body-parser itself uses). */
function hasBody(request: Request): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * Bodies are JSON or nothing. Only application/json is parsed, so a body sent as text/plain, a form, XML,
 * multipart or with no content type used to reach the handler as an empty object, and a PUT then replaced the
 * saved data with nothing. A route that reads a body now answers 415 and changes nothing for such a request,
 * and for a PUT without any body (a replacement with nothing is never what a client means).
 */
@Injectable()
export class JsonBodyInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http' && routeTakesBody(context)) {
      const request = context.switchToHttp().getRequest<Request>();
      const unparsed = request.body === undefined;
      if ((unparsed && hasBody(request)) || (unparsed && request.method === 'PUT')) {
        // The content type is not echoed: a header is the client's text, not ours to repeat.
        throw new UnsupportedMediaTypeException(
          'the request body must be JSON sent with Content-Type: application/json; nothing was changed',
        );
      }
    }
    return next.handle();
  }
}
