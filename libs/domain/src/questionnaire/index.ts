export * from './questionnaire.types';
export { DEFAULT_QUESTIONNAIRE_POLICY, validateQuestionnairePolicy } from './questionnaire-policy';
export type { DatedSpan, UncoveredRun } from './history-coverage';
export { uncoveredRuns } from './history-coverage';
export { submittable, validateQuestionnaire } from './validate-questionnaire';
export type { ExamplePerson } from './example-questionnaire';
export { exampleQuestionnaire } from './example-questionnaire';
