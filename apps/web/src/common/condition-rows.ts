import { field } from './form-action';

/**
 * The condition rows of a form (macros/conditions.njk): up to three, each a type and a detail. Shared by the
 * recommendation, the decision and an aftercare review that changes a clearance's conditions.
 */
export const CONDITION_ROWS = [1, 2, 3];

/** The form's field names, for putting back what was typed. */
export function conditionFields(): string[] {
  return CONDITION_ROWS.flatMap((n) => [`condition-${n}-type`, `condition-${n}-detail`]);
}

/** The conditions typed into the rows; rows left empty are ignored (the API names what is wrong in the rest). */
export function conditionsFrom(body: unknown): { type: string; detail: string }[] {
  return CONDITION_ROWS.map((n) => ({
    type: field(body, `condition-${n}-type`),
    detail: field(body, `condition-${n}-detail`),
  })).filter((c) => c.type !== '' || c.detail !== '');
}

/** Existing conditions as the rows' values, so a form opens with them filled in. */
export function conditionValues(
  conditions: readonly { type: string; detail: string }[],
): Record<string, string> {
  const values: Record<string, string> = {};
  conditions.slice(0, CONDITION_ROWS.length).forEach((c, i) => {
    values[`condition-${i + 1}-type`] = c.type;
    values[`condition-${i + 1}-detail`] = c.detail;
  });
  return values;
}
