import { ParseUUIDPipe } from '@nestjs/common';
import { DomainError } from '../../../../libs/domain/src';

/** Validates a `:id` case path parameter as a UUID, answering the standard VALIDATION_FAILED 400 otherwise. */
export const caseIdPipe = new ParseUUIDPipe({
  version: '4',
  exceptionFactory: () =>
    new DomainError('VALIDATION_FAILED', 'case id must be a UUID', {
      fields: [{ field: 'id', problems: ['must be a UUID'] }],
    }),
});
