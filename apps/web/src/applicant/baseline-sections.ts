import {
  DEFAULT_BASELINE_POLICY,
  IDENTITY_DOCUMENT_KINDS,
  RIGHT_TO_WORK_EVIDENCE_KINDS,
} from '../../../../libs/domain/src';
import type {
  BaselinePolicy,
  IdentityDocumentKind,
  QuestionnaireSection,
  RightToWorkEvidenceKind,
} from '../../../../libs/domain/src';
import { QUESTIONNAIRE_SECTIONS } from './questionnaire-sections';
import type { GroupSpec, SectionSpec } from './questionnaire-sections';

/** The parts of the baseline (BPSS) declaration, as its API body names them (apps/api baseline.dto.ts). */
export const BASELINE_SECTION_KEYS = [
  'identity',
  'rightToWork',
  'employment',
  'convictions',
  'abroad',
] as const;
export type BaselineSection = (typeof BASELINE_SECTION_KEYS)[number];

const IDENTITY_WORDS: Record<IdentityDocumentKind, string> = {
  PASSPORT: 'Passport',
  PHOTOCARD_DRIVING_LICENCE: 'Photocard driving licence',
  NATIONAL_IDENTITY_CARD: 'National identity card',
  BIOMETRIC_RESIDENCE_PERMIT: 'Biometric residence permit',
};
const RIGHT_TO_WORK_WORDS: Record<RightToWorkEvidenceKind, string> = {
  BRITISH_PASSPORT: 'A British passport',
  BIRTH_CERTIFICATE_AND_NATIONAL_INSURANCE: 'A UK birth certificate and your National Insurance number',
  CERTIFICATE_OF_NATURALISATION: 'A certificate of naturalisation as a British citizen',
  SHARE_CODE: 'A share code from GOV.UK (prove your right to work)',
};

/** "the last year", "the last 3 years": the window a figure of years names. */
export function lastYearsInWords(years: number): string {
  return years === 1 ? 'the last year' : `the last ${years} years`;
}

/** "1 month", "6 months". */
export function monthsInWords(months: number): string {
  return months === 1 ? '1 month' : `${months} months`;
}

/**
 * The case's baseline figures (BaselinePolicy, fixed when the case started) in the words the pages use, so that
 * what the applicant is asked is what the API judges: "the last 3 years", "6 months or more" as published, or
 * whatever BPSS_* said when the case was opened.
 */
export interface BaselinePolicyWords {
  /** The employment history's window: "the last 3 years". */
  history: string;
  /** The window stays abroad are asked for: "the last 3 years". */
  abroadWindow: string;
  /** The shortest stay to list: "6 months or more". */
  shortestStay: string;
  /** What the employment gaps list asks to be explained. */
  gapsHint: string;
}

export function baselinePolicyWords(policy: BaselinePolicy = DEFAULT_BASELINE_POLICY): BaselinePolicyWords {
  const days = policy.maxUnexplainedGapDays;
  return {
    history: lastYearsInWords(policy.historyYears),
    abroadWindow: lastYearsInWords(policy.abroadYears),
    shortestStay: `${monthsInWords(policy.abroadMinimumMonths)} or more`,
    gapsHint:
      days === 0
        ? 'Explain any time that your employment history does not cover.'
        : `Explain any time of more than ${days === 1 ? '1 day' : `${days} days`} that your employment history does not cover.`,
  };
}

/** The questionnaire's employment lists, asked here over the case's window: the same rules, so the same questions. */
function employmentGroups(words: BaselinePolicyWords): GroupSpec[] {
  const questionnaire = QUESTIONNAIRE_SECTIONS.find((spec) => spec.key === 'employment');
  return (questionnaire?.groups ?? []).map((group) => {
    if (group.path === 'periods') {
      return {
        ...group,
        title: `What you have done in ${words.history}`,
        hint: 'Jobs, self-employment, study and time out of work, including what you do now. Start with what you do now.',
      };
    }
    // The questionnaire's hint names its own limit; the baseline's is the case's.
    return group.path === 'gaps' ? { ...group, hint: words.gapsHint } : group;
  });
}

/**
 * The baseline declaration drawn with the questionnaire's form machinery (questionnaire-form.ts): each part is
 * a SectionSpec whose key is the part's name in the API body, so field ids are the API's problem paths with
 * dots as dashes. The key type is the questionnaire's; the cast is only for that name, nothing reads it as one.
 */
export function baselineSections(policy: BaselinePolicy = DEFAULT_BASELINE_POLICY): readonly SectionSpec[] {
  const words = baselinePolicyWords(policy);
  return [
    {
      key: 'identity',
      title: 'Your identity document',
      keywords: [],
      groups: [
        {
          path: '',
          list: false,
          itemName: 'Identity document',
          fields: [
            {
              path: 'documentKind',
              label: 'Which document will you use to prove your identity?',
              kind: 'choice',
              choices: IDENTITY_DOCUMENT_KINDS.map((value) => ({ value, text: IDENTITY_WORDS[value] })),
            },
            {
              path: 'documentReference',
              label: 'Document number',
              kind: 'text',
              hint: 'As printed on the document',
              width: 'govuk-input--width-20',
            },
          ],
        },
      ],
    },
    {
      key: 'rightToWork' as QuestionnaireSection,
      title: 'Your right to work in the UK',
      keywords: [],
      groups: [
        {
          path: '',
          list: false,
          itemName: 'Right to work',
          fields: [
            {
              path: 'evidenceKind',
              label: 'How will you prove your right to work in the UK?',
              kind: 'choice',
              choices: RIGHT_TO_WORK_EVIDENCE_KINDS.map((value) => ({
                value,
                text: RIGHT_TO_WORK_WORDS[value],
              })),
            },
            {
              path: 'evidenceReference',
              label: 'Document number or share code',
              kind: 'text',
              hint: 'For a share code, the 9 characters from GOV.UK, for example W6X 4RK 2DP',
              width: 'govuk-input--width-20',
            },
          ],
        },
      ],
    },
    {
      key: 'employment',
      title: 'Your employment history',
      keywords: [],
      groups: employmentGroups(words),
    },
    {
      key: 'convictions' as QuestionnaireSection,
      title: 'Unspent convictions',
      keywords: [],
      groups: [
        {
          path: '',
          list: false,
          itemName: 'Convictions',
          fields: [
            {
              path: 'hasUnspent',
              label: 'Do you have any unspent criminal convictions?',
              kind: 'yesNo',
            },
            {
              path: 'details',
              label: 'Details of your unspent convictions (if you answered yes)',
              kind: 'textarea',
              hint: 'For each one: what it was for, the court, the date and the sentence',
            },
          ],
        },
      ],
    },
    {
      key: 'abroad' as QuestionnaireSection,
      title: 'Time outside the UK',
      keywords: [],
      groups: [
        {
          path: '',
          list: false,
          itemName: 'Time abroad',
          fields: [
            {
              path: 'livedAbroad',
              label: `In ${words.abroadWindow}, have you lived outside the UK for ${words.shortestStay} at a time?`,
              kind: 'yesNo',
            },
          ],
        },
        {
          path: 'periods',
          list: true,
          title: `Each stay of ${words.shortestStay}`,
          itemName: 'Stay abroad',
          minItems: 1,
          hint: 'Leave this empty if you answered no.',
          fields: [
            {
              path: 'country',
              label: 'Country',
              kind: 'country',
              hint: 'A 2-letter country code, for example FR for France',
              width: 'govuk-input--width-3',
            },
            { path: 'from', label: 'From', kind: 'date' },
            { path: 'to', label: 'Until', kind: 'date' },
            {
              path: 'reason',
              label: 'What you were doing there',
              kind: 'textarea',
              hint: 'For example work, study or travel',
            },
          ],
        },
      ],
    },
  ];
}

/**
 * The parts under the published figures. Their fields and lists are the same under any policy (only the words
 * change), so this serves wherever the shape alone matters: reading a posted form, the officer's answer rows.
 */
export const BASELINE_SECTIONS: readonly SectionSpec[] = baselineSections();

/** A part of the declaration by its name, in `sections` (the published figures' by default), or undefined. */
export function baselineSpec(
  key: string,
  sections: readonly SectionSpec[] = BASELINE_SECTIONS,
): SectionSpec | undefined {
  return sections.find((spec) => spec.key === key);
}
