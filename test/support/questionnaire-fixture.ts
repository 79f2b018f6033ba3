import type { IsoDate, Questionnaire } from '../../libs/domain/src';
import { exampleQuestionnaire } from '../../libs/domain/src';

/**
 * A complete questionnaire that passes validateQuestionnaire as of `asOf` (default: today in UTC): the domain's
 * example (libs/domain/src/questionnaire/example-questionnaire.ts), which the demo data also uses.
 */
export function completeQuestionnaire(asOf: IsoDate = new Date().toISOString().slice(0, 10)): Questionnaire {
  return exampleQuestionnaire(asOf);
}

/** A complete baseline (BPSS) declaration: passport, British passport as right to work, 3 years' employment. */
export function completeBaselineDeclaration(): Record<string, unknown> {
  return {
    identity: { documentKind: 'PASSPORT', documentReference: '123456789' },
    rightToWork: { evidenceKind: 'BRITISH_PASSPORT', evidenceReference: '123456789' },
    employment: {
      periods: [
        {
          kind: 'EMPLOYED',
          employer: 'Acme Ltd',
          role: 'Analyst',
          explanation: null,
          from: '2015-01-01',
          to: null,
        },
      ],
      gaps: [],
    },
    convictions: { hasUnspent: false, details: null },
    abroad: { livedAbroad: false, periods: [] },
  };
}
