import { ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError } from '../../../../libs/domain/src';

/** Flattens class-validator's tree into dotted paths, e.g. `addressHistory.2.from`. */
export function flattenValidationErrors(
  errors: ValidationError[],
  parent = '',
): { field: string; problems: string[] }[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, problems: Object.values(error.constraints) }] : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** The 400 VALIDATION_FAILED error naming each field and what is wrong with it. */
export function validationFailed(fields: { field: string; problems: string[] }[]): DomainError {
  const summary = fields.map((f) => `${f.field}: ${f.problems.join(', ')}`).join('; ');
  return new DomainError('VALIDATION_FAILED', `invalid request: ${summary}`, { fields });
}

/** Whitelisting validation: unknown fields are refused, not silently dropped, so typos surface as 400s. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => validationFailed(flattenValidationErrors(errors)),
  });
}
