import { completeBaselineDeclaration, validateBaselineDeclaration } from '../../../../libs/domain/src';
import { statusView } from './applicant-status';
import { baselineSpec } from './baseline-sections';
import { declarationFromForm, declarationValues } from './baseline.controller';
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
});
