import { VETTING_STAGES } from '../stage-model';
import type { ClockPolicy } from './clock-policy';
import { DEFAULT_CLOCK_POLICY, invitationChasers, validateClockPolicy } from './clock-policy';

// A policy as tests write one: milliseconds, second-scale values.
const TEST_POLICY: ClockPolicy = {
  version: 'test-ms-v1',
  unit: 'MILLISECONDS',
  calendar: 'none',
  stages: { QUESTIONNAIRE: { goal: 2_000, deadline: 5_000, repeatEvery: 1_000 } },
  applicantChasers: {
    questionnaire: { chaseAt: [1_000, 2_000], lapseAt: 4_000 },
    invitation: { chaseAt: [500, 1_000, 1_500], lapseAt: 3_000 },
  },
  refereeChasers: { chaseAt: [500, 1_000], decideAt: 1_500 },
  targets: { DV: 95_000, CTC_SC: 25_000, DV_RENEWAL: 95_000 },
  atRiskFraction: 0.8,
};

// A copy of the default, changed by `change`, for checking one rule at a time.
function variant(change: (policy: ClockPolicy) => void): ClockPolicy {
  const policy = structuredClone(DEFAULT_CLOCK_POLICY);
  change(policy);
  return policy;
}

describe('DEFAULT_CLOCK_POLICY', () => {
  it('is a valid policy', () => {
    expect(validateClockPolicy(DEFAULT_CLOCK_POLICY)).toEqual([]);
  });

  it('counts working days on the England and Wales bank holidays, under a named version', () => {
    expect(DEFAULT_CLOCK_POLICY).toMatchObject({
      version: '2026-11-v1',
      unit: 'WORKING_DAYS',
      calendar: 'england-and-wales',
    });
  });

  it('uses the published targets and the chaser days from the domain rules', () => {
    expect(DEFAULT_CLOCK_POLICY.targets).toEqual({ DV: 95, CTC_SC: 25, DV_RENEWAL: 95 });
    expect(DEFAULT_CLOCK_POLICY.applicantChasers).toEqual({
      questionnaire: { chaseAt: [7, 14], lapseAt: 30 },
      invitation: { chaseAt: [3, 7, 14], lapseAt: 30 },
      baseline: { chaseAt: [7, 14], lapseAt: 30 },
    });
    expect(DEFAULT_CLOCK_POLICY.refereeChasers).toEqual({ chaseAt: [5, 10], decideAt: 15 });
    expect(DEFAULT_CLOCK_POLICY.atRiskFraction).toBe(0.8);
  });

  it('gives every stage being vetted a clock with goal before deadline and a repeat', () => {
    // The sponsor hold is not vetting work: its only clock is the request's lapse (SPONSOR_CONFIRMATION_MS).
    for (const stage of VETTING_STAGES) {
      const clock = DEFAULT_CLOCK_POLICY.stages[stage];
      expect(clock).toBeDefined();
      expect(clock!.goal).toBeLessThan(clock!.deadline);
      expect(clock!.repeatEvery).toBeGreaterThan(0);
    }
  });

  it('fits the DV path’s stage deadlines inside the 95-day DV target', () => {
    const dvPath = [
      'ELIGIBILITY_SCREENING',
      'QUESTIONNAIRE',
      'RECORD_CHECKS',
      'INVESTIGATION',
      'RECOMMENDATION',
      'DECISION',
    ] as const;
    const total = dvPath.reduce((sum, stage) => sum + DEFAULT_CLOCK_POLICY.stages[stage]!.deadline, 0);
    expect(total).toBeLessThanOrEqual(DEFAULT_CLOCK_POLICY.targets.DV);
  });

  it('cannot be changed at run time, since every case shares it', () => {
    expect(Object.isFrozen(DEFAULT_CLOCK_POLICY)).toBe(true);
    expect(Object.isFrozen(DEFAULT_CLOCK_POLICY.stages.INVESTIGATION)).toBe(true);
    expect(Object.isFrozen(DEFAULT_CLOCK_POLICY.applicantChasers.questionnaire.chaseAt)).toBe(true);
    expect(() => {
      DEFAULT_CLOCK_POLICY.stages.INVESTIGATION!.deadline = 500;
    }).toThrow(TypeError);
  });
});

describe('invitationChasers', () => {
  it('reads the policy’s invitation chasers', () => {
    expect(invitationChasers(TEST_POLICY)).toEqual({ chaseAt: [500, 1_000, 1_500], lapseAt: 3_000 });
  });

  it('defaults to days 3, 7 and 14, lapse at 30, for a policy recorded before invitations existed', () => {
    const older = variant((p) => delete p.applicantChasers.invitation);
    expect(validateClockPolicy(older)).toEqual([]);
    expect(invitationChasers(older)).toEqual({ chaseAt: [3, 7, 14], lapseAt: 30 });
  });
});

describe('validateClockPolicy', () => {
  it('accepts a millisecond policy for tests', () => {
    expect(validateClockPolicy(TEST_POLICY)).toEqual([]);
  });

  it('accepts a policy that clocks only some stages, and atRiskFraction 1 (goal only)', () => {
    expect(
      validateClockPolicy(
        variant((p) => (p.stages = { DECISION: { goal: 1, deadline: 2, repeatEvery: 1 } })),
      ),
    ).toEqual([]);
    expect(validateClockPolicy(variant((p) => (p.atRiskFraction = 1)))).toEqual([]);
  });

  it.each<[string, (p: ClockPolicy) => void, RegExp]>([
    ['an empty version', (p) => (p.version = ' '), /^version must be a non-empty string/],
    [
      'an unknown unit',
      (p) => ((p as { unit: string }).unit = 'HOURS'),
      /^unit must be WORKING_DAYS or MILLISECONDS/,
    ],
    [
      'an unknown calendar',
      (p) => (p.calendar = 'scotland'),
      /^calendar must be one of england-and-wales, none, got "scotland"/,
    ],
    [
      'a calendar name found only on Object.prototype',
      (p) => (p.calendar = 'constructor'),
      /^calendar must be one of/,
    ],
    [
      'an unknown stage',
      (p) => ((p.stages as Record<string, unknown>).APPEAL = { goal: 1, deadline: 2, repeatEvery: 1 }),
      /^stages has unknown stage APPEAL/,
    ],
    [
      'a goal equal to the deadline',
      (p) => (p.stages.DECISION = { goal: 8, deadline: 8, repeatEvery: 2 }),
      /^stages.DECISION.goal \(8\) must be before its deadline \(8\)/,
    ],
    [
      'a goal after the deadline',
      (p) => (p.stages.DECISION = { goal: 9, deadline: 8, repeatEvery: 2 }),
      /must be before its deadline/,
    ],
    [
      'repeatEvery 0',
      (p) => (p.stages.DECISION = { goal: 1, deadline: 8, repeatEvery: 0 }),
      /^stages.DECISION.repeatEvery must be a positive number, got 0/,
    ],
    [
      'a negative goal',
      (p) => (p.stages.DECISION = { goal: -1, deadline: 8, repeatEvery: 1 }),
      /^stages.DECISION.goal must be a positive number/,
    ],
    [
      'a stage clock that is not an object',
      (p) => ((p.stages as Record<string, unknown>).DECISION = 5),
      /^stages.DECISION must be an object/,
    ],
    ['stages missing', (p) => ((p as Partial<ClockPolicy>).stages = undefined), /^stages must be an object/],
    [
      'chasers out of order',
      (p) => (p.applicantChasers.questionnaire.chaseAt = [14, 7]),
      /^applicantChasers.questionnaire.chaseAt must be in ascending order, but 7 follows 14/,
    ],
    [
      'a repeated chaser',
      (p) => (p.refereeChasers.chaseAt = [5, 5]),
      /^refereeChasers.chaseAt must be in ascending order/,
    ],
    [
      'a chaser at the lapse',
      (p) => (p.applicantChasers.questionnaire.chaseAt = [7, 30]),
      /^applicantChasers.questionnaire.chaseAt\[1\] \(30\) must be before lapseAt \(30\)/,
    ],
    [
      'a chaser after the referee decision',
      (p) => (p.refereeChasers.chaseAt = [5, 16]),
      /^refereeChasers.chaseAt\[1\] \(16\) must be before decideAt \(15\)/,
    ],
    [
      'a zero chaser',
      (p) => (p.refereeChasers.chaseAt = [0, 5]),
      /^refereeChasers.chaseAt\[0\] must be a positive number/,
    ],
    [
      'chasers that are not a list',
      (p) => ((p.refereeChasers as { chaseAt: unknown }).chaseAt = '5,10'),
      /^refereeChasers.chaseAt must be a list/,
    ],
    [
      'no lapse',
      (p) => ((p.applicantChasers.questionnaire as { lapseAt: unknown }).lapseAt = null),
      /^applicantChasers.questionnaire.lapseAt must be a positive number, got null/,
    ],
    [
      'invitation chasers out of order',
      (p) => (p.applicantChasers.invitation = { chaseAt: [7, 3], lapseAt: 30 }),
      /^applicantChasers.invitation.chaseAt must be in ascending order, but 3 follows 7/,
    ],
    [
      'an invitation chaser at the lapse',
      (p) => (p.applicantChasers.invitation = { chaseAt: [3, 30], lapseAt: 30 }),
      /^applicantChasers.invitation.chaseAt\[1\] \(30\) must be before lapseAt \(30\)/,
    ],
    [
      'invitation chasers that are not an object',
      (p) => ((p.applicantChasers as { invitation: unknown }).invitation = [3, 7]),
      /^applicantChasers.invitation must be an object/,
    ],
    [
      'no applicant chasers',
      (p) => ((p as Partial<ClockPolicy>).applicantChasers = undefined),
      /^applicantChasers.questionnaire must be an object/,
    ],
    [
      'no referee chasers',
      (p) => ((p as Partial<ClockPolicy>).refereeChasers = undefined),
      /^refereeChasers must be an object/,
    ],
    ['a zero target', (p) => (p.targets.CTC_SC = 0), /^targets.CTC_SC must be a positive number, got 0/],
    ['no targets', (p) => ((p as Partial<ClockPolicy>).targets = undefined), /^targets must be an object/],
    [
      'atRiskFraction 0',
      (p) => (p.atRiskFraction = 0),
      /^atRiskFraction must be more than 0 and at most 1, got 0/,
    ],
    [
      'atRiskFraction above 1',
      (p) => (p.atRiskFraction = 1.5),
      /^atRiskFraction must be more than 0 and at most 1/,
    ],
    ['atRiskFraction NaN', (p) => (p.atRiskFraction = Number.NaN), /^atRiskFraction must be more than 0/],
  ])('reports %s', (_name, change, message) => {
    const problems = validateClockPolicy(variant(change));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });

  it('requires whole milliseconds in a MILLISECONDS policy but allows fractional working days', () => {
    const ms = { ...TEST_POLICY, stages: { DECISION: { goal: 1.5, deadline: 5_000, repeatEvery: 1_000 } } };
    expect(validateClockPolicy(ms)).toEqual([
      'stages.DECISION.goal must be a whole number of milliseconds, got 1.5',
    ]);
    expect(
      validateClockPolicy(variant((p) => (p.stages.DECISION = { goal: 1.5, deadline: 8, repeatEvery: 0.5 }))),
    ).toEqual([]);
  });

  it.each([null, 'policy', [1]])('rejects %p, which is not a policy at all', (value) => {
    expect(validateClockPolicy(value as unknown as ClockPolicy)).toEqual([
      `a clock policy must be an object, got ${JSON.stringify(value)}`,
    ]);
  });

  it('lists every problem at once', () => {
    const problems = validateClockPolicy(
      variant((p) => {
        p.calendar = 'mars';
        p.atRiskFraction = 2;
        p.targets.DV = -95;
      }),
    );
    expect(problems).toHaveLength(3);
  });
});
