import { baselinePolicyOf, validateBaselinePolicy } from './baseline-policy';
import type { BaselineDeclarationDraft, BaselinePolicy } from './baseline.types';
import { DEFAULT_BASELINE_POLICY, awaitingBaseline } from './baseline.types';
import { completeBaselineDeclaration, validateBaselineDeclaration } from './validate-baseline';

const AS_OF = '2026-12-01';

function declaration(overrides: Partial<BaselineDeclarationDraft> = {}): BaselineDeclarationDraft {
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
          from: '2020-01-01',
          to: null,
        },
      ],
      gaps: [],
    },
    convictions: { hasUnspent: false, details: null },
    abroad: { livedAbroad: false, periods: [] },
    ...overrides,
  };
}

const paths = (d: BaselineDeclarationDraft): string[] =>
  validateBaselineDeclaration(d, AS_OF).map((p) => p.path);

describe('validateBaselineDeclaration', () => {
  it('accepts a complete declaration', () => {
    expect(validateBaselineDeclaration(declaration(), AS_OF)).toEqual([]);
    expect(completeBaselineDeclaration(declaration(), AS_OF)).toBe(true);
  });

  it('needs every section', () => {
    expect(paths({})).toEqual(['identity', 'rightToWork', 'employment', 'convictions', 'abroad']);
  });

  it('refuses something that is not an object', () => {
    expect(validateBaselineDeclaration([] as unknown as BaselineDeclarationDraft, AS_OF)[0]?.code).toBe(
      'INVALID_TYPE',
    );
  });

  it('needs a known identity document kind and its reference', () => {
    const problems = validateBaselineDeclaration(
      declaration({ identity: { documentKind: 'LIBRARY_CARD' as never, documentReference: ' ' } }),
      AS_OF,
    );
    expect(problems.map((p) => [p.path, p.code])).toEqual([
      ['identity.documentKind', 'INVALID_VALUE'],
      ['identity.documentReference', 'REQUIRED'],
    ]);
  });

  it('needs right-to-work evidence of a known kind', () => {
    expect(paths(declaration({ rightToWork: { evidenceReference: 'x' } }))).toEqual([
      'rightToWork.evidenceKind',
    ]);
  });

  it('needs three years of employment, with any long gap explained', () => {
    const short = declaration({
      employment: {
        periods: [
          {
            kind: 'EMPLOYED',
            employer: 'Acme',
            role: 'Analyst',
            explanation: null,
            from: '2024-06-01',
            to: null,
          },
        ],
      },
    });
    const problems = validateBaselineDeclaration(short, AS_OF);
    expect(problems).toEqual([
      expect.objectContaining({ path: 'employment.periods', code: 'UNEXPLAINED_GAP' }),
    ]);
    expect(problems[0]?.message).toContain('2023-12-01 to 2024-05-31');

    const explained = declaration({
      employment: {
        periods: [
          {
            kind: 'EMPLOYED',
            employer: 'Acme',
            role: 'Analyst',
            explanation: null,
            from: '2024-06-01',
            to: null,
          },
        ],
        gaps: [{ from: '2023-11-01', to: '2024-05-31', explanation: 'Caring for a relative' }],
      },
    });
    expect(validateBaselineDeclaration(explained, AS_OF)).toEqual([]);
  });

  it('asks only for the last three years of employment, not the questionnaire’s ten', () => {
    const threeYears = declaration({
      employment: {
        periods: [
          {
            kind: 'EMPLOYED',
            employer: 'Acme',
            role: 'Analyst',
            explanation: null,
            from: '2023-11-15',
            to: null,
          },
        ],
      },
    });
    expect(validateBaselineDeclaration(threeYears, AS_OF)).toEqual([]);
  });

  it('needs details of unspent convictions only when there are some', () => {
    expect(paths(declaration({ convictions: { hasUnspent: true, details: null } }))).toEqual([
      'convictions.details',
    ]);
    expect(paths(declaration({ convictions: { hasUnspent: true, details: 'Fined in 2025' } }))).toEqual([]);
    expect(paths(declaration({ convictions: {} }))).toEqual(['convictions.hasUnspent']);
  });

  it('needs each stay abroad of six months or more accounted for', () => {
    const stay = { country: 'FR', from: '2024-01-01', to: '2024-06-30', reason: 'Work placement' };
    expect(paths(declaration({ abroad: { livedAbroad: true, periods: [stay] } }))).toEqual([]);
    expect(paths(declaration({ abroad: { livedAbroad: true, periods: [] } }))).toEqual(['abroad.periods']);
    expect(paths(declaration({ abroad: { livedAbroad: false, periods: [stay] } }))).toEqual([
      'abroad.livedAbroad',
    ]);
    expect(paths(declaration({ abroad: { livedAbroad: true, periods: [{ ...stay, reason: '' }] } }))).toEqual(
      ['abroad.periods.0.reason'],
    );
  });

  it('refuses stays abroad that are in the UK, too short, too old or out of order', () => {
    const problems = validateBaselineDeclaration(
      declaration({
        abroad: {
          livedAbroad: true,
          periods: [
            { country: 'GB', from: '2024-01-01', to: '2024-12-31', reason: 'Home' },
            { country: 'FR', from: '2024-01-01', to: '2024-06-29', reason: 'Work' },
            { country: 'DE', from: '2020-01-01', to: '2020-12-31', reason: 'Study' },
            { country: 'ES', from: '2025-06-01', to: '2024-06-01', reason: 'Travel' },
          ],
        },
      }),
      AS_OF,
    );
    expect(problems.map((p) => [p.path, p.code])).toEqual([
      ['abroad.periods.0.country', 'NOT_ABROAD'],
      ['abroad.periods.1.to', 'INVALID_VALUE'],
      ['abroad.periods.2.to', 'INVALID_VALUE'],
      ['abroad.periods.3.to', 'DATES_OUT_OF_ORDER'],
    ]);
  });

  it('refuses dates in the future', () => {
    const future = { country: 'FR', from: '2026-06-01', to: '2027-06-01', reason: 'Work' };
    expect(paths(declaration({ abroad: { livedAbroad: true, periods: [future] } }))).toEqual([
      'abroad.periods.0.to',
    ]);
  });

  it('follows the policy it is given: a longer history, shorter stays abroad', () => {
    const policy: BaselinePolicy = { ...DEFAULT_BASELINE_POLICY, historyYears: 5, abroadMinimumMonths: 3 };
    // Three years of employment is not enough when five are asked for.
    const threeYears = declaration({
      employment: {
        periods: [
          {
            kind: 'EMPLOYED',
            employer: 'Acme',
            role: 'Analyst',
            explanation: null,
            from: '2023-11-15',
            to: null,
          },
        ],
      },
    });
    expect(validateBaselineDeclaration(threeYears, AS_OF)).toEqual([]);
    expect(validateBaselineDeclaration(threeYears, AS_OF, policy)).toEqual([
      expect.objectContaining({
        path: 'employment.periods',
        message: expect.stringContaining('the employment must cover 2021-12-01 to 2026-12-01') as string,
      }),
    ]);
    const covered = declaration({
      employment: {
        periods: [
          {
            kind: 'EMPLOYED',
            employer: 'Acme',
            role: 'Analyst',
            explanation: null,
            from: '2021-01-01',
            to: null,
          },
        ],
      },
    });
    const threeMonths = { country: 'FR', from: '2024-01-01', to: '2024-03-31', reason: 'Work placement' };
    const abroad = { livedAbroad: true, periods: [threeMonths] };
    expect(validateBaselineDeclaration({ ...covered, abroad }, AS_OF, policy)).toEqual([]);
    // Under the published policy the same stay is too short to list.
    expect(paths({ ...covered, abroad })).toEqual(['abroad.periods.0.to']);
    expect(
      validateBaselineDeclaration({ ...covered, abroad: { livedAbroad: true, periods: [] } }, AS_OF, policy),
    ).toContainEqual(expect.objectContaining({ message: 'list each stay abroad of 3 months or more' }));
  });

  it('throws on a system date that is not real', () => {
    expect(() => validateBaselineDeclaration(declaration(), '2026-02-30')).toThrow(RangeError);
  });
});

describe('validateBaselinePolicy', () => {
  it('accepts the published policy', () => {
    expect(validateBaselinePolicy(DEFAULT_BASELINE_POLICY)).toEqual([]);
  });

  it('names each unusable figure', () => {
    expect(
      validateBaselinePolicy({
        historyYears: 0,
        maxUnexplainedGapDays: -1,
        abroadYears: 1.5,
        abroadMinimumMonths: 6,
      }),
    ).toEqual([
      'historyYears must be at least 1, got 0',
      'maxUnexplainedGapDays must be at least 0, got -1',
      'abroadYears must be a whole number, got 1.5',
    ]);
  });

  it('refuses a shortest stay abroad longer than the window it is asked about', () => {
    expect(
      validateBaselinePolicy({ ...DEFAULT_BASELINE_POLICY, abroadYears: 1, abroadMinimumMonths: 13 }),
    ).toEqual(['abroadMinimumMonths (13) must be no more than 12, the months in abroadYears (1)']);
  });
});

describe('baselinePolicyOf', () => {
  it('is the policy the case recorded, or the published one for cases from before it was recorded', () => {
    const policy: BaselinePolicy = { ...DEFAULT_BASELINE_POLICY, historyYears: 5 };
    expect(baselinePolicyOf(awaitingBaseline(policy))).toEqual(policy);
    expect(baselinePolicyOf(awaitingBaseline())).toBe(DEFAULT_BASELINE_POLICY);
    expect(baselinePolicyOf(null)).toBe(DEFAULT_BASELINE_POLICY);
  });
});
