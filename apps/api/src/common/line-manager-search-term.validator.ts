import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import type { LineManagerSearchTermProblem } from '../../../../libs/domain/src';
import {
  LINE_MANAGER_SEARCH_MAX_LENGTH,
  LINE_MANAGER_SEARCH_MIN_LENGTH,
  lineManagerSearchTermProblem,
} from '../../../../libs/domain/src';

const WORDS: Record<LineManagerSearchTermProblem, string> = {
  EMPTY: 'must not be blank',
  TOO_SHORT: `must have at least ${LINE_MANAGER_SEARCH_MIN_LENGTH} letters or digits`,
  TOO_LONG: `must be at most ${LINE_MANAGER_SEARCH_MAX_LENGTH} characters`,
};

/** A term for the sponsor's search of line managers by name, by the domain's rule (lineManagerSearchTermProblem). */
export function IsLineManagerSearchTerm(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isLineManagerSearchTerm',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        // Never the value itself: it is someone's name.
        message: (args: ValidationArguments) => {
          const problem = typeof args.value === 'string' ? lineManagerSearchTermProblem(args.value) : null;
          return `${args.property} ${problem ? WORDS[problem] : 'must be a string'}`;
        },
        ...options,
      },
      validator: {
        validate: (value: unknown): boolean =>
          typeof value === 'string' && lineManagerSearchTermProblem(value) === null,
      },
    });
  };
}
