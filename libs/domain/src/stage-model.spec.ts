import {
  ALL_STAGES,
  CLOSED_STAGES,
  OPEN_STAGES,
  TRANSITIONS,
  allowedActions,
  findTransition,
  isClosedStage,
  renderStageDiagram,
} from './stage-model';

describe('stage model', () => {
  it('never leaves a closed stage', () => {
    for (const closed of CLOSED_STAGES) {
      expect(TRANSITIONS.filter((t) => t.from === (closed as string))).toEqual([]);
      expect(allowedActions(closed)).toEqual([]);
    }
  });

  it('reaches every stage from eligibility screening', () => {
    const reached = new Set<string>(['ELIGIBILITY_SCREENING']);
    let grew = true;
    while (grew) {
      grew = false;
      for (const t of TRANSITIONS) {
        if (reached.has(t.from) && !reached.has(t.to)) {
          reached.add(t.to);
          grew = true;
        }
      }
    }
    expect([...reached].sort()).toEqual([...ALL_STAGES].sort());
  });

  it('lets every open stage be withdrawn and assigned', () => {
    for (const stage of OPEN_STAGES) {
      expect(findTransition(stage, 'WITHDRAW')?.to).toBe('WITHDRAWN');
      expect(findTransition(stage, 'ASSIGN_OFFICER')?.to).toBe(stage);
    }
  });

  it('routes a decision to the stage named by its outcome', () => {
    expect(findTransition('DECISION', 'RECORD_DECISION', 'GRANTED')?.to).toBe('GRANTED');
    expect(findTransition('DECISION', 'RECORD_DECISION', 'REFUSED')?.to).toBe('REFUSED');
    expect(findTransition('DECISION', 'RECORD_DECISION', 'GRANTED_WITH_CONDITIONS')?.to).toBe(
      'GRANTED_WITH_CONDITIONS',
    );
    expect(findTransition('DECISION', 'RECORD_DECISION', 'MAYBE')).toBeUndefined();
  });

  it('has no two rows for the same stage, action and outcome', () => {
    const keys = TRANSITIONS.map((t) => `${t.from}|${t.action}|${t.when ?? ''}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('offers people only the actions that are not system-driven', () => {
    const clockActions = ['PAUSE_CLOCK', 'RESUME_CLOCK', 'EXTEND_DEADLINE'];
    expect(allowedActions('ELIGIBILITY_SCREENING')).toEqual(['ASSIGN_OFFICER', ...clockActions, 'WITHDRAW']);
    expect(allowedActions('QUESTIONNAIRE')).toEqual([
      'SUBMIT_QUESTIONNAIRE',
      'ACCEPT_QUESTIONNAIRE',
      'RETURN_QUESTIONNAIRE',
      'ASSIGN_OFFICER',
      ...clockActions,
      'WITHDRAW',
    ]);
    for (const stage of OPEN_STAGES) expect(allowedActions(stage)).not.toContain('SEND_REMINDER');
  });

  it('classifies closed stages', () => {
    expect(isClosedStage('LAPSED')).toBe(true);
    expect(isClosedStage('DECISION')).toBe(false);
  });

  it('renders a mermaid diagram with every non-assignment transition', () => {
    const diagram = renderStageDiagram();
    expect(diagram).toContain('RECORD_CHECKS --> INVESTIGATION: COMPLETE_STAGE');
    expect(diagram).toContain(
      'RESIDENCY_EXCEPTION_REVIEW --> INELIGIBLE: DECIDE_RESIDENCY_EXCEPTION (DECLINE)',
    );
    expect(diagram).not.toContain('ASSIGN_OFFICER');
  });
});
