import {
  MONITORING_CATEGORIES,
  MONITORING_QUESTIONS,
  NOT_ANSWERED,
  PREFER_NOT_TO_SAY,
  isDeclaredGroup,
  isMonitoringAnswer,
  isMonitoringCategory,
  monitoringGroups,
} from './monitoring-categories';

describe('monitoring questions', () => {
  it('cover the seven categories, each listed once', () => {
    expect([...MONITORING_CATEGORIES].sort()).toEqual(Object.keys(MONITORING_QUESTIONS).sort());
    expect(MONITORING_CATEGORIES).toEqual([
      'sex',
      'ethnicity',
      'disability',
      'ageBand',
      'sexualOrientation',
      'religion',
      'socioEconomicBackground',
    ]);
  });

  it.each(MONITORING_CATEGORIES)('%s offers "prefer not to say", last', (category) => {
    const answers: readonly string[] = MONITORING_QUESTIONS[category];
    expect(answers[answers.length - 1]).toBe(PREFER_NOT_TO_SAY);
  });

  it.each(MONITORING_CATEGORIES)('%s has distinct answers and none that means "not answered"', (category) => {
    const answers: readonly string[] = MONITORING_QUESTIONS[category];
    expect(new Set(answers).size).toBe(answers.length);
    expect(answers).not.toContain(NOT_ANSWERED);
  });

  it.each(MONITORING_CATEGORIES)('%s answers are upper-case codes, never free text', (category) => {
    for (const answer of MONITORING_QUESTIONS[category]) expect(answer).toMatch(/^[A-Z][A-Z0-9_]*$/);
  });
});

describe('isMonitoringCategory', () => {
  it.each(MONITORING_CATEGORIES)('accepts %s', (category) => {
    expect(isMonitoringCategory(category)).toBe(true);
  });

  it.each(['Ethnicity', 'age_band', '', '__proto__', 'constructor', 'toString', 5, null, undefined])(
    'refuses %p',
    (value) => {
      expect(isMonitoringCategory(value)).toBe(false);
    },
  );
});

describe('isMonitoringAnswer', () => {
  it('accepts an answer of the same question', () => {
    expect(isMonitoringAnswer('ethnicity', 'WHITE')).toBe(true);
    expect(isMonitoringAnswer('ageBand', 'AGE_65_AND_OVER')).toBe(true);
    expect(isMonitoringAnswer('sex', PREFER_NOT_TO_SAY)).toBe(true);
  });

  it("refuses another question's answer, a different spelling, NOT_ANSWERED and non-strings", () => {
    expect(isMonitoringAnswer('sex', 'WHITE')).toBe(false);
    expect(isMonitoringAnswer('ethnicity', 'white')).toBe(false);
    expect(isMonitoringAnswer('religion', NOT_ANSWERED)).toBe(false);
    expect(isMonitoringAnswer('disability', true)).toBe(false);
    expect(isMonitoringAnswer('disability', null)).toBe(false);
  });
});

describe('monitoringGroups', () => {
  it('lists every answer in order, then the unanswered', () => {
    expect(monitoringGroups('disability')).toEqual([
      'DISABLED',
      'NOT_DISABLED',
      PREFER_NOT_TO_SAY,
      NOT_ANSWERED,
    ]);
  });

  it('returns a fresh list, so a caller cannot change the questions', () => {
    monitoringGroups('sex').pop();
    expect(monitoringGroups('sex')).toHaveLength(4);
  });
});

describe('isDeclaredGroup', () => {
  it('counts a stated characteristic as declared', () => {
    expect(isDeclaredGroup('NO_RELIGION')).toBe(true);
  });

  it('counts "prefer not to say" and no answer as undeclared', () => {
    expect(isDeclaredGroup(PREFER_NOT_TO_SAY)).toBe(false);
    expect(isDeclaredGroup(NOT_ANSWERED)).toBe(false);
  });
});
