import { completeBaselineDeclaration, validateBaselineDeclaration } from '../../../../libs/domain/src';
import { DEFAULT_BASELINE_POLICY } from '../../../../libs/domain/src';
import type { BaselinePolicy } from '../../../../libs/domain/src';
import { baselineTaskWords, statusView } from './applicant-status';
import {
  baselinePolicyWords,
  baselineSections,
  baselineSpec,
  lastYearsInWords,
  monthsInWords,
} from './baseline-sections';
import {
  declarationFromForm,
  declarationValues,
  ifMatchOf,
  STALE_SAVE_ERROR,
  startingAnswers,
} from './baseline.controller';
import { problemError } from './questionnaire-form';
import type { FormValues } from './questionnaire-form';

const AS_OF = '2026-12-01';

const declaration = {
  identity: { documentKind: 'PASSPORT', documentReference: '123456789' },
  rightToWork: { evidenceKind: 'SHARE_CODE', evidenceReference: 'W6X4RK2DP' },
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
  abroad: {
    livedAbroad: true,
    periods: [{ country: 'FR', from: '2024-01-01', to: '2024-12-31', reason: 'Work placement' }],
  },
} as const;

function valuesOf(value: Record<string, unknown>): FormValues {
  return declarationValues(value);
}

describe('the baseline declaration form', () => {
  it('reads back, field by field, the declaration it shows: complete by the rules', () => {
    const { draft, errors } = declarationFromForm(valuesOf(declaration));
    expect(errors).toEqual([]);
    expect(draft).toEqual(declaration);
    expect(completeBaselineDeclaration(draft, AS_OF)).toBe(true);
  });

  it('drops blank rows and refuses a date that is not real, linked to its first box', () => {
    const values = valuesOf({ ...declaration, abroad: { livedAbroad: false, periods: [] } });
    expect(values['abroad-periods-rows']).toBe('1');
    expect(declarationFromForm(values).draft.abroad).toEqual({ livedAbroad: false, periods: [] });
    const { errors } = declarationFromForm({
      ...values,
      'employment-periods-0-from-day': '31',
      'employment-periods-0-from-month': '2',
    });
    expect(errors).toEqual([
      {
        text: 'Period 1: from must be a real date, for example 27 3 2020',
        href: '#employment-periods-0-from-day',
      },
    ]);
  });

  it('names each missing answer in words and links it to its field on the page', () => {
    const { draft } = declarationFromForm(valuesOf({ ...declaration, identity: {}, convictions: {} }));
    const lines = validateBaselineDeclaration(draft, AS_OF).map((p) =>
      problemError(p, () => '', baselineSpec),
    );
    expect(lines).toEqual([
      {
        text: 'Answer “Which document will you use to prove your identity?”',
        href: '#identity-documentKind',
      },
      { text: 'Enter document number', href: '#identity-documentReference' },
      { text: 'Answer “Do you have any unspent criminal convictions?”', href: '#convictions-hasUnspent' },
    ]);
  });

  it('puts the baseline task on the status page, with what was asked for kept apart from questionnaire items', () => {
    const asked = statusView({
      id: 'x',
      status: 'ACTION_NEEDED',
      openedAt: '',
      baselineStatus: 'NEEDS_INFORMATION',
      itemsToFix: ['A share code'],
    });
    expect(asked).toMatchObject({
      returned: false,
      baseline: { status: 'More information needed' },
      words: { tag: 'Action needed', explanation: expect.stringContaining('baseline checks') as string },
    });
    expect(
      statusView({ id: 'x', status: 'IN_PROGRESS', openedAt: '', baselineStatus: 'SUBMITTED' }),
    ).toMatchObject({ baseline: { status: 'Submitted' } });
    expect(statusView({ id: 'x', status: 'ACTION_NEEDED', openedAt: '' })).toMatchObject({
      baseline: undefined,
    });
  });

  // A case started under other BPSS_* figures than the published ones.
  const STRICTER: BaselinePolicy = {
    historyYears: 5,
    maxUnexplainedGapDays: 14,
    abroadYears: 1,
    abroadMinimumMonths: 1,
  };

  it('names the published figures by default, and a case’s own figures when it has others', () => {
    expect(baselinePolicyWords()).toEqual({
      history: 'the last 3 years',
      abroadWindow: 'the last 3 years',
      shortestStay: '6 months or more',
      gapsHint: 'Explain any time of more than 28 days that your employment history does not cover.',
    });
    expect(baselinePolicyWords(STRICTER)).toEqual({
      history: 'the last 5 years',
      abroadWindow: 'the last year',
      shortestStay: '1 month or more',
      gapsHint: 'Explain any time of more than 14 days that your employment history does not cover.',
    });
    expect(baselinePolicyWords({ ...STRICTER, maxUnexplainedGapDays: 0 }).gapsHint).toBe(
      'Explain any time that your employment history does not cover.',
    );
    expect([lastYearsInWords(1), lastYearsInWords(10), monthsInWords(1), monthsInWords(12)]).toEqual([
      'the last year',
      'the last 10 years',
      '1 month',
      '12 months',
    ]);
  });

  it('asks the questions in the case’s figures, with the same fields under any policy', () => {
    const sections = baselineSections(STRICTER);
    const text = JSON.stringify(sections);
    expect(text).toContain('What you have done in the last 5 years');
    expect(text).toContain('In the last year, have you lived outside the UK for 1 month or more at a time?');
    expect(text).toContain('Each stay of 1 month or more');
    expect(text).not.toMatch(/3 years|6 months|28 days/);
    const shape = (specs: typeof sections): unknown =>
      specs.map((spec) => spec.groups.map((g) => [g.path, g.fields.map((f) => f.path)]));
    expect(shape(sections)).toEqual(shape(baselineSections(DEFAULT_BASELINE_POLICY)));
    // A refused answer is named in the same words as the question the page asked.
    const abroad = { livedAbroad: null, periods: [] };
    const { draft } = declarationFromForm(valuesOf({ ...declaration, abroad }));
    const lines = validateBaselineDeclaration(draft, AS_OF, STRICTER).map((p) =>
      problemError(
        p,
        () => '',
        (key) => baselineSpec(key, sections),
      ),
    );
    expect(lines).toContainEqual({
      text: 'Answer “In the last year, have you lived outside the UK for 1 month or more at a time?”',
      href: '#abroad-livedAbroad',
    });
  });

  it('marks the baseline task "In progress" once answers are saved to come back to, but not when more is asked', () => {
    expect(baselineTaskWords('AWAITING').status).toBe('Not started');
    expect(baselineTaskWords('AWAITING', undefined, true)).toMatchObject({
      status: 'In progress',
      tag: 'govuk-tag--light-blue',
      explanation: expect.stringContaining('We have kept the answers you saved') as string,
    });
    expect(baselineTaskWords('NEEDS_INFORMATION', undefined, true).status).toBe('More information needed');
  });

  it('says on the status page what the baseline task asks for, in the case’s figures', () => {
    expect(baselineTaskWords('AWAITING').explanation).toContain('what you have done in the last 3 years');
    expect(baselineTaskWords('AWAITING', STRICTER)).toMatchObject({
      explanation: expect.stringContaining('what you have done in the last 5 years') as string,
      hint: expect.stringContaining('your employment in the last 5 years') as string,
    });
    expect(
      statusView({
        id: 'x',
        status: 'ACTION_NEEDED',
        openedAt: '',
        baselineStatus: 'AWAITING',
        baselinePolicy: STRICTER,
      }),
    ).toMatchObject({ baseline: { hint: expect.stringContaining('the last 5 years') as string } });
  });

  it('starts from the saved answers, unless a declaration was sent since; else from the last one sent', () => {
    const saved = { ...declaration, convictions: { hasUnspent: null, details: null } };
    const last = { declaration: { ...declaration }, submittedAt: '2026-12-01T10:00:00.000Z' };
    const none = { content: null, updatedAt: null };
    const later = { content: saved, updatedAt: '2026-12-02T09:00:00.000Z' };
    const earlier = { content: saved, updatedAt: '2026-11-30T09:00:00.000Z' };
    expect(startingAnswers(later, null)).toMatchObject({
      savedAt: '2026-12-02T09:00:00.000Z',
      prefilledFrom: null,
      values: valuesOf(saved),
    });
    expect(startingAnswers(later, last)).toMatchObject({ savedAt: later.updatedAt, prefilledFrom: null });
    expect(startingAnswers(earlier, last)).toMatchObject({
      savedAt: null,
      prefilledFrom: last.submittedAt,
      values: valuesOf(declaration),
    });
    expect(startingAnswers(none, null)).toEqual({ values: {}, savedAt: null, prefilledFrom: null });
  });

  it('saves over the version the page was shown with, and says plainly when it was changed elsewhere', () => {
    expect(ifMatchOf('0')).toEqual({ 'If-Match': '"0"' });
    expect(ifMatchOf('12')).toEqual({ 'If-Match': '"12"' });
    // A page shown before versions were sent (or a forged field) saves as before: the save wins.
    for (const none of [undefined, '', 'W/"3"', '1,2', '1234567890']) expect(ifMatchOf(none)).toEqual({});
    expect(STALE_SAVE_ERROR.text).toMatch(/^Your answers were changed in another tab or window/);
    expect(STALE_SAVE_ERROR.text).not.toMatch(/version|If-Match|409|STALE/i);
    expect(STALE_SAVE_ERROR.href).toBe('#baseline-actions');
  });
});
