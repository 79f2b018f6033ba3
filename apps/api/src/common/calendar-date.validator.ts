import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import type { ApplicationDateRule } from '../../../../libs/domain/src';
import { applicationDateProblem } from '../../../../libs/domain/src';
import { ukToday } from './uk-today';

/** A real calendar date written as YYYY-MM-DD (so 2023-02-29 is refused). */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `${String(propertyName)} must be a real date written YYYY-MM-DD`, ...options },
      validator: {
        validate(value: unknown): boolean {
          if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
          const date = new Date(`${value}T00:00:00Z`);
          return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
        },
      },
    });
  };
}

/**
 * A date in the window the application needs (applicationDateProblem in libs/domain): a birth before today, an
 * address date no later than today, an intended start from today up to two years ahead, as of today in the UK.
 * The message names the field and says which window.
 */
export function IsApplicationDate(rule: ApplicationDateRule, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isApplicationDate',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: (args: ValidationArguments) =>
          `${args.property} ${applicationDateProblem(rule, args.value, ukToday()) ?? 'is out of range'}`,
        ...options,
      },
      validator: {
        validate: (value: unknown): boolean => applicationDateProblem(rule, value, ukToday()) === null,
      },
    });
  };
}
