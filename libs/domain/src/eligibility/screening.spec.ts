import { DEFAULT_ELIGIBILITY_POLICY } from './eligibility-policy';
import type {
  EligibilityApplication,
  EligibilityPolicy,
  ResidenceExceptionReason,
  ScreeningContext,
} from './eligibility.types';
import { screenEligibility } from './screening';

const policy = DEFAULT_ELIGIBILITY_POLICY;
const ctx: ScreeningContext = { asOf: '2024-06-15', hasOtherActiveApplication: false };
const app = (over: Partial<EligibilityApplication> = {}): EligibilityApplication => ({
  dateOfBirth: '1990-04-12',
  intendedStartDate: '2024-09-01',
  nationality: { status: 'BRITISH_BY_BIRTH', otherNationalities: [] },
  addressHistory: [{ country: 'GB', from: '1990-04-12', to: null }],
  discretionAcknowledged: true,
  ...over,
});
/** Six years in the UK after four abroad: short of nine. */
const shortHistory = [
  { country: 'US', from: '2010-01-01', to: '2018-06-14' },
  { country: 'GB', from: '2018-06-15', to: null },
];
const invalidHistory = [{ country: 'GB', from: '2020-01-01', to: '2019-01-01' }];

describe('screenEligibility', () => {
  it('finds a British adult with ten years in the UK eligible', () => {
    const result = screenEligibility(app(), policy, ctx);
    expect(result).toMatchObject({ outcome: 'ELIGIBLE', reasons: [], flags: [] });
    expect(result.residence).toMatchObject({ windowStart: '2014-06-15', windowEnd: '2024-06-15' });
    expect(result.residence?.meetsRequirement).toBe(true);
  });

  it('rejects an applicant under the minimum age on the intended start date with UNDER_AGE', () => {
    const result = screenEligibility(app({ dateOfBirth: '2006-09-02' }), policy, ctx);
    expect(result).toMatchObject({ outcome: 'INELIGIBLE', reasons: ['UNDER_AGE'] });
  });

  it('accepts a 17-year-old who is 18 by the intended start date (the published rule)', () => {
    const result = screenEligibility(app({ dateOfBirth: '2006-06-16' }), policy, ctx);
    expect(result.outcome).toBe('ELIGIBLE');
  });

  it('rejects that 17-year-old when the policy requires 18 when applying', () => {
    const strict: EligibilityPolicy = { ...policy, underageApplicationWindowMonths: 0 };
    const result = screenEligibility(app({ dateOfBirth: '2006-06-16' }), strict, ctx);
    expect(result).toMatchObject({ outcome: 'INELIGIBLE', reasons: ['UNDER_AGE'] });
  });

  it('accepts a 17-year-old when the policy lets them apply within six months of turning 18', () => {
    const windowed: EligibilityPolicy = { ...policy, underageApplicationWindowMonths: 6 };
    const result = screenEligibility(app({ dateOfBirth: '2006-08-01' }), windowed, ctx);
    expect(result.outcome).toBe('ELIGIBLE');
  });

  it('rejects a non-British applicant with NOT_BRITISH_CITIZEN', () => {
    const result = screenEligibility(
      app({ nationality: { status: 'NOT_BRITISH', otherNationalities: ['FR'] } }),
      policy,
      ctx,
    );
    expect(result).toMatchObject({ outcome: 'INELIGIBLE', reasons: ['NOT_BRITISH_CITIZEN'], flags: [] });
  });

  it('passes naturalised dual nationals with both flags', () => {
    const result = screenEligibility(
      app({ nationality: { status: 'BRITISH_BY_NATURALISATION', otherNationalities: ['IN'] } }),
      policy,
      ctx,
    );
    expect(result).toMatchObject({
      outcome: 'ELIGIBLE',
      reasons: [],
      flags: ['DUAL_NATIONAL', 'NATURALISED'],
    });
  });

  it('rejects a residence shortfall with no stated reason with RESIDENCE_SHORTFALL', () => {
    const result = screenEligibility(app({ addressHistory: shortHistory }), policy, ctx);
    expect(result).toMatchObject({ outcome: 'INELIGIBLE', reasons: ['RESIDENCE_SHORTFALL'], flags: [] });
    expect(result.residence?.meetsRequirement).toBe(false);
  });

  it('treats a null exception reason as no reason', () => {
    const result = screenEligibility(
      app({ addressHistory: shortHistory, residenceExceptionReason: null }),
      policy,
      ctx,
    );
    expect(result.reasons).toEqual(['RESIDENCE_SHORTFALL']);
  });

  it('treats an unlisted exception reason as no reason', () => {
    const unlisted = 'GAP_YEAR' as ResidenceExceptionReason;
    const result = screenEligibility(
      app({ addressHistory: shortHistory, residenceExceptionReason: unlisted }),
      policy,
      ctx,
    );
    expect(result).toMatchObject({ outcome: 'INELIGIBLE', reasons: ['RESIDENCE_SHORTFALL'], flags: [] });
  });

  it.each<ResidenceExceptionReason>([
    'HM_FORCES_SERVICE',
    'UK_GOVERNMENT_SERVICE',
    'STUDY_ABROAD',
    'LIVING_ABROAD_WITH_PARENTS',
  ])('sends a shortfall explained by %s to an officer as an exception', (reason) => {
    const result = screenEligibility(
      app({ addressHistory: shortHistory, residenceExceptionReason: reason }),
      policy,
      ctx,
    );
    expect(result).toMatchObject({
      outcome: 'EXCEPTION_REVIEW',
      reasons: [],
      flags: ['RESIDENCE_EXCEPTION_CLAIMED'],
    });
    expect(result.residence?.meetsRequirement).toBe(false);
  });

  it('does not flag an exception reason when residence is met anyway', () => {
    const result = screenEligibility(app({ residenceExceptionReason: 'STUDY_ABROAD' }), policy, ctx);
    expect(result).toMatchObject({ outcome: 'ELIGIBLE', flags: [] });
  });

  it('rejects a claimed exception that is not the only obstacle, keeping the flag', () => {
    const result = screenEligibility(
      app({
        dateOfBirth: '2010-01-01',
        addressHistory: shortHistory,
        residenceExceptionReason: 'HM_FORCES_SERVICE',
      }),
      policy,
      ctx,
    );
    expect(result).toMatchObject({
      outcome: 'INELIGIBLE',
      reasons: ['UNDER_AGE'],
      flags: ['RESIDENCE_EXCEPTION_CLAIMED'],
    });
  });

  it('rejects a second active application with ACTIVE_APPLICATION_EXISTS', () => {
    const result = screenEligibility(app(), policy, { ...ctx, hasOtherActiveApplication: true });
    expect(result).toMatchObject({ outcome: 'INELIGIBLE', reasons: ['ACTIVE_APPLICATION_EXISTS'] });
  });

  it('rejects an application without the discretion acknowledgement', () => {
    const result = screenEligibility(app({ discretionAcknowledged: false }), policy, ctx);
    expect(result).toMatchObject({ outcome: 'INELIGIBLE', reasons: ['DISCRETION_NOT_ACKNOWLEDGED'] });
  });

  it('rejects an invalid address history with ADDRESS_HISTORY_INVALID and no residence assessment', () => {
    const result = screenEligibility(app({ addressHistory: invalidHistory }), policy, ctx);
    expect(result).toEqual({
      outcome: 'INELIGIBLE',
      reasons: ['ADDRESS_HISTORY_INVALID'],
      flags: [],
      residence: null,
    });
  });

  it('does not send an invalid address history to exception review even with a stated reason', () => {
    const result = screenEligibility(
      app({ addressHistory: [], residenceExceptionReason: 'STUDY_ABROAD' }),
      policy,
      ctx,
    );
    expect(result).toEqual({
      outcome: 'INELIGIBLE',
      reasons: ['ADDRESS_HISTORY_INVALID'],
      flags: [],
      residence: null,
    });
  });

  it('reports every reason in rule order, not just the first', () => {
    const result = screenEligibility(
      app({
        dateOfBirth: '2010-01-01',
        nationality: { status: 'NOT_BRITISH', otherNationalities: [] },
        addressHistory: shortHistory,
        discretionAcknowledged: false,
      }),
      policy,
      { ...ctx, hasOtherActiveApplication: true },
    );
    expect(result.reasons).toEqual([
      'UNDER_AGE',
      'NOT_BRITISH_CITIZEN',
      'RESIDENCE_SHORTFALL',
      'ACTIVE_APPLICATION_EXISTS',
      'DISCRETION_NOT_ACKNOWLEDGED',
    ]);
  });

  it('puts ADDRESS_HISTORY_INVALID where the residence reason goes', () => {
    const result = screenEligibility(
      app({ dateOfBirth: '2010-01-01', addressHistory: invalidHistory, discretionAcknowledged: false }),
      policy,
      ctx,
    );
    expect(result.reasons).toEqual(['UNDER_AGE', 'ADDRESS_HISTORY_INVALID', 'DISCRETION_NOT_ACKNOWLEDGED']);
  });

  it('lists flags in a fixed order', () => {
    const result = screenEligibility(
      app({
        nationality: { status: 'BRITISH_BY_NATURALISATION', otherNationalities: ['FR'] },
        addressHistory: shortHistory,
        residenceExceptionReason: 'UK_GOVERNMENT_SERVICE',
      }),
      policy,
      ctx,
    );
    expect(result.flags).toEqual(['DUAL_NATIONAL', 'NATURALISED', 'RESIDENCE_EXCEPTION_CLAIMED']);
  });

  it('uses the 7-year residence policy when configured', () => {
    const seven: EligibilityPolicy = { ...policy, residenceRequiredYears: 7 };
    const history = [
      { country: 'US', from: '2010-01-01', to: '2016-06-14' },
      { country: 'GB', from: '2016-06-15', to: null },
    ];
    expect(screenEligibility(app({ addressHistory: history }), seven, ctx).outcome).toBe('ELIGIBLE');
    expect(screenEligibility(app({ addressHistory: history }), policy, ctx).reasons).toEqual([
      'RESIDENCE_SHORTFALL',
    ]);
  });

  it('judges as of ctx.asOf, not the wall clock', () => {
    const strict: EligibilityPolicy = { ...policy, underageApplicationWindowMonths: 0 };
    const seventeen = app({ dateOfBirth: '2006-06-16', intendedStartDate: '2024-09-01' });
    expect(screenEligibility(seventeen, strict, ctx).reasons).toEqual(['UNDER_AGE']);
    expect(screenEligibility(seventeen, strict, { ...ctx, asOf: '2024-06-16' }).outcome).toBe('ELIGIBLE');
  });

  it('is deterministic and leaves its inputs untouched', () => {
    const input = app({ addressHistory: shortHistory, residenceExceptionReason: 'STUDY_ABROAD' });
    const before = JSON.stringify(input);
    const first = screenEligibility(input, policy, ctx);
    expect(screenEligibility(input, policy, ctx)).toEqual(first);
    expect(JSON.stringify(input)).toBe(before);
  });

  it('returns plain data that survives a JSON round trip (workflow state and jsonb column)', () => {
    const result = screenEligibility(app({ addressHistory: shortHistory }), policy, ctx);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('throws a RangeError for an invalid application date, date of birth or policy', () => {
    expect(() => screenEligibility(app(), policy, { ...ctx, asOf: '15/06/2024' })).toThrow(RangeError);
    expect(() => screenEligibility(app({ dateOfBirth: '1990-02-30' }), policy, ctx)).toThrow(RangeError);
    expect(() => screenEligibility(app(), { ...policy, residenceWindowYears: 5 }, ctx)).toThrow(
      /invalid eligibility policy/,
    );
  });
});
