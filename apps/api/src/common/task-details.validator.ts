import { registerDecorator, ValidationOptions } from 'class-validator';

const MAX_KEYS = 30;
const MAX_TEXT = 2000;
const KEY = /^[A-Za-z][A-Za-z0-9_]{0,49}$/;

function isDetailValue(value: unknown): boolean {
  if (value === null || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value === 'string') return value.length <= MAX_TEXT;
  return (
    Array.isArray(value) &&
    value.length <= 50 &&
    value.every((v) => typeof v === 'string' && v.length <= MAX_TEXT)
  );
}

/**
 * Task details are a flat record of short values (they travel through Temporal and the read-model as JSON):
 * at most 30 keys named like identifiers, each a string, number, boolean, null or list of strings.
 */
export function IsTaskDetails(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isTaskDetails',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: `${String(propertyName)} must be an object of at most ${MAX_KEYS} identifier keys with string, number, boolean, null or string-list values`,
        ...options,
      },
      validator: {
        validate(value: unknown): boolean {
          if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
          const entries = Object.entries(value);
          return entries.length <= MAX_KEYS && entries.every(([k, v]) => KEY.test(k) && isDetailValue(v));
        },
      },
    });
  };
}
