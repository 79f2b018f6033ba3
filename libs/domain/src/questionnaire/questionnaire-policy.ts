import type { QuestionnairePolicy } from './questionnaire.types';

/** The published policy: 10 years of addresses and employment, gaps up to 28 days, two 2-year non-relative referees. */
export const DEFAULT_QUESTIONNAIRE_POLICY: QuestionnairePolicy = Object.freeze({
  historyYears: 10,
  maxUnexplainedGapDays: 28,
  minimumReferees: 2,
  minimumRefereeYears: 2,
});

/** Problems that make a questionnaire policy unusable, in human-readable form; empty if it is sound. */
export function validateQuestionnairePolicy(policy: QuestionnairePolicy): string[] {
  const minimums: Record<keyof QuestionnairePolicy, number> = {
    historyYears: 1,
    maxUnexplainedGapDays: 0,
    minimumReferees: 0,
    minimumRefereeYears: 0,
  };
  return (Object.keys(minimums) as (keyof QuestionnairePolicy)[]).flatMap((name) => {
    const value: unknown = policy[name];
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      const shown = typeof value === 'number' ? String(value) : JSON.stringify(value);
      return [`${name} must be a whole number, got ${shown}`];
    }
    return value < minimums[name] ? [`${name} must be at least ${minimums[name]}, got ${value}`] : [];
  });
}
