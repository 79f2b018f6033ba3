import { validateClockPolicy } from '../../libs/domain/src/clock';
import { validateQuestionnaire } from '../../libs/domain/src/questionnaire';
import { validateBaselineDeclaration } from '../../libs/domain/src/baseline';
import {
  demoApplication,
  demoBaselineDeclaration,
  demoMonitoringAnswers,
  demoQuestionnaire,
} from '../../scripts/demo/demo-data';
import { DEMO_CLOCK_POLICY } from '../../scripts/demo/demo-clock-policy';
import { demoPlan, STAGE_OF_TARGET } from '../../scripts/demo/demo-plan';

describe('the demo plan', () => {
  it('covers every target within the first fourteen cases, and 40 cases in about the shape of a caseload', () => {
    const targets = new Set(Object.keys(STAGE_OF_TARGET));
    expect(new Set(demoPlan(14, 'p').map((c) => c.target))).toEqual(targets);
    const forty = demoPlan(40, 'p');
    const investigation = forty.filter((c) => c.target === 'INVESTIGATION').length;
    expect(investigation).toBeGreaterThanOrEqual(6);
  });

  it('gives stable, distinct applicants and leaves unassigned only cases no officer would hold', () => {
    const plan = demoPlan(40, 'demo-applicant');
    expect(plan[0]?.applicantId).toBe('demo-applicant-001');
    expect(new Set(plan.map((c) => c.applicantId)).size).toBe(40);
    for (const c of plan) {
      const unassigned = c.target === 'BASELINE_AWAITING' || c.target === 'INELIGIBLE';
      expect({ target: c.target, officer: c.officer === null }).toEqual({
        target: c.target,
        officer: unassigned,
      });
    }
    expect(demoPlan(40, 'p')).toEqual(demoPlan(40, 'p'));
  });

  it('refuses a count it cannot make', () => {
    for (const bad of [0, -1, 1.5, 1001, Number.NaN])
      expect(() => demoPlan(bad, 'p')).toThrow(/whole number/);
  });

  it('writes baseline declarations and questionnaires that pass validation, and monitoring answers from the published options', () => {
    const today = '2026-11-30';
    for (const c of demoPlan(20, 'p')) {
      expect(validateQuestionnaire(demoQuestionnaire(c, today), today)).toEqual([]);
      expect(validateBaselineDeclaration(demoBaselineDeclaration(c), today)).toEqual([]);
      const answers = demoMonitoringAnswers(c);
      expect(Object.keys(answers)).toHaveLength(7);
    }
    const ineligible = demoPlan(14, 'p').find((c) => c.target === 'INELIGIBLE');
    expect(ineligible && demoApplication(ineligible, today).nationality.status).toBe('NOT_BRITISH');
  });
});

describe('the demo clock policy', () => {
  it('is a valid policy in which a minute stands for a working day', () => {
    expect(validateClockPolicy(DEMO_CLOCK_POLICY)).toEqual([]);
    expect(DEMO_CLOCK_POLICY.targets.DV).toBe(95 * 60_000);
  });
});
