import {
  CallHandler,
  CustomDecorator,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { MAX_TEXT_LENGTH, unsafeTextIn } from '../../../../libs/domain/src';
import { validationFailed } from './validation';

const LONG_TEXT = 'safe-text:max-length';

/**
 * Lets one route take strings longer than MAX_TEXT_LENGTH (the codec's base64 payloads); every other check
 * still applies.
 */
export const AllowLongText = (maxLength: number): CustomDecorator => SetMetadata(LONG_TEXT, maxLength);

/**
 * The one place hostile text is refused: every string in every body, query and path parameter of every route
 * (see libs/domain/src/text/safe-text.ts for what is refused and why). Runs before the validation pipe, so no
 * DTO can forget it, and answers 400 VALIDATION_FAILED naming each field.
 */
@Injectable()
export class SafeTextInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http') {
      const request = context.switchToHttp().getRequest<Request>();
      const maxLength =
        this.reflector.getAllAndOverride<number | undefined>(LONG_TEXT, [
          context.getHandler(),
          context.getClass(),
        ]) ?? MAX_TEXT_LENGTH;
      const fields = [
        ...unsafeTextIn(request.params, 'path'),
        ...unsafeTextIn(request.query, 'query'),
        ...unsafeTextIn(request.body, '', maxLength),
      ].map(({ field, problem }) => ({ field, problems: [problem] }));
      if (fields.length > 0) throw validationFailed(fields);
    }
    return next.handle();
  }
}
