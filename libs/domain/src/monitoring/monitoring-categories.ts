/**
 * The voluntary equal-opportunity questions. Answers are broad groups on purpose: the finer the groups, the
 * more cells fall under the suppression threshold and the less HR can publish.
 */

/** An explicit refusal to answer; a response, but not a declaration. */
export const PREFER_NOT_TO_SAY = 'PREFER_NOT_TO_SAY';

/** The group of cases with no answer to a question (no response at all, or the question left blank). */
export const NOT_ANSWERED = 'NOT_ANSWERED';

/** Every question and the answers it accepts, in display order. */
export const MONITORING_QUESTIONS = {
  sex: ['FEMALE', 'MALE', PREFER_NOT_TO_SAY],
  // ONS 2021 census high-level groups (England and Wales).
  ethnicity: [
    'ASIAN_OR_ASIAN_BRITISH',
    'BLACK_BLACK_BRITISH_CARIBBEAN_OR_AFRICAN',
    'MIXED_OR_MULTIPLE_ETHNIC_GROUPS',
    'WHITE',
    'OTHER_ETHNIC_GROUP',
    PREFER_NOT_TO_SAY,
  ],
  disability: ['DISABLED', 'NOT_DISABLED', PREFER_NOT_TO_SAY],
  ageBand: [
    'AGE_16_TO_24',
    'AGE_25_TO_34',
    'AGE_35_TO_44',
    'AGE_45_TO_54',
    'AGE_55_TO_64',
    'AGE_65_AND_OVER',
    PREFER_NOT_TO_SAY,
  ],
  sexualOrientation: [
    'HETEROSEXUAL_OR_STRAIGHT',
    'GAY_OR_LESBIAN',
    'BISEXUAL',
    'OTHER_SEXUAL_ORIENTATION',
    PREFER_NOT_TO_SAY,
  ],
  religion: [
    'NO_RELIGION',
    'BUDDHIST',
    'CHRISTIAN',
    'HINDU',
    'JEWISH',
    'MUSLIM',
    'SIKH',
    'OTHER_RELIGION',
    PREFER_NOT_TO_SAY,
  ],
  // The Civil Service measure: the main earner's occupation when the respondent was about 14.
  socioEconomicBackground: [
    'PROFESSIONAL_BACKGROUND',
    'INTERMEDIATE_BACKGROUND',
    'LOWER_SOCIO_ECONOMIC_BACKGROUND',
    PREFER_NOT_TO_SAY,
  ],
} as const;

export type MonitoringCategory = keyof typeof MONITORING_QUESTIONS;

/** Every category, in the order forms and dashboards list them. */
export const MONITORING_CATEGORIES: readonly MonitoringCategory[] = [
  'sex',
  'ethnicity',
  'disability',
  'ageBand',
  'sexualOrientation',
  'religion',
  'socioEconomicBackground',
];

/** An answer to one question. */
export type MonitoringAnswer<C extends MonitoringCategory = MonitoringCategory> =
  (typeof MONITORING_QUESTIONS)[C][number];

/** One applicant's answers; a missing or null answer is "not answered". */
export type MonitoringAnswers = { [C in MonitoringCategory]?: MonitoringAnswer<C> | null };

/** A row of an aggregate table: an answer, or the cases that gave none. */
export type MonitoringGroup<C extends MonitoringCategory = MonitoringCategory> =
  MonitoringAnswer<C> | typeof NOT_ANSWERED;

/** True for the name of a monitoring category. */
export function isMonitoringCategory(value: unknown): value is MonitoringCategory {
  return typeof value === 'string' && (MONITORING_CATEGORIES as readonly string[]).includes(value);
}

/** True when `value` is one of the answers the category's question accepts. */
export function isMonitoringAnswer<C extends MonitoringCategory>(
  category: C,
  value: unknown,
): value is MonitoringAnswer<C> {
  return typeof value === 'string' && (MONITORING_QUESTIONS[category] as readonly string[]).includes(value);
}

/** The rows of an aggregate table for a category: every answer, then the unanswered. */
export function monitoringGroups<C extends MonitoringCategory>(category: C): MonitoringGroup<C>[] {
  return [...(MONITORING_QUESTIONS[category] as readonly MonitoringAnswer<C>[]), NOT_ANSWERED];
}

/** True when a group states a characteristic: neither "prefer not to say" nor unanswered. */
export function isDeclaredGroup(group: string): boolean {
  return group !== PREFER_NOT_TO_SAY && group !== NOT_ANSWERED;
}
