import type { IsoDate, Questionnaire } from '../../libs/domain/src';
import { exampleQuestionnaire } from '../../libs/domain/src';

/**
 * A complete questionnaire that passes validateQuestionnaire as of `asOf` (default: today in UTC): the domain's
 * example (libs/domain/src/questionnaire/example-questionnaire.ts), which the demo data also uses.
 */
export function completeQuestionnaire(asOf: IsoDate = new Date().toISOString().slice(0, 10)): Questionnaire {
  return exampleQuestionnaire(asOf);
}
