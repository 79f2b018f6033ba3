import { applyDecorators, HttpCode } from '@nestjs/common';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
} from '@nestjs/swagger';
import { ErrorResponse } from './error-response';

/**
 * The OpenAPI description every route that sends a workflow Update shares: 200 with the subject after the action,
 * the Idempotency-Key header, 400 bad fields, 409 not allowed now, 503 no answer from Temporal. Case, aftercare
 * and appeal actions all use it.
 */
export function UpdateActionDocs(
  summary: string,
  docs: { result: string; schema: SchemaObject; conflict: string },
): MethodDecorator {
  return applyDecorators(
    HttpCode(200),
    ApiOperation({ summary }),
    ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Makes a retried action apply once' }),
    ApiOkResponse({ description: docs.result, schema: docs.schema }),
    ApiBadRequestResponse({ type: ErrorResponse, description: 'A missing or malformed field, each named' }),
    ApiConflictResponse({ type: ErrorResponse, description: docs.conflict }),
    ApiServiceUnavailableResponse({
      type: ErrorResponse,
      description: 'Temporal or the worker did not answer in time; nothing was applied',
    }),
  );
}
