import {
  ALL_STAGES,
  CLOSED_STAGES,
  OPEN_STAGES,
  TRANSITIONS,
  VETTING_STAGES,
  allowedActions,
  findTransition,
  isAssignedOfficerAction,
  isClosedStage,
  renderStageDiagram,
  rolesFor,
} from './stage-model';

describe('stage model', () => {
  it('never leaves a closed stage', () => {
    for (const closed of CLOSED_STAGES) {
      expect(TRANSITIONS.filter((t) => t.from === (closed as string))).toEqual([]);
      expect(allowedActions(closed)).toEqual([]);
    }
  });

  it('reaches every stage from the two ways a case opens (held for its sponsor, or straight to screening)', () => {
    const reached = new Set<string>(['AWAITING_SPONSOR', 'ELIGIBILITY_SCREENING']);
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

  it('lets every open stage be withdrawn, and every stage being vetted be assigned', () => {
    for (const stage of OPEN_STAGES) expect(findTransition(stage, 'WITHDRAW')?.to).toBe('WITHDRAWN');
    for (const stage of VETTING_STAGES) expect(findTransition(stage, 'ASSIGN_OFFICER')?.to).toBe(stage);
  });

  it('holds a case for its sponsor: the sponsor confirms or declines, the applicant withdraws, the system lapses it', () => {
    expect(findTransition('AWAITING_SPONSOR', 'CONFIRM_SPONSORSHIP')).toMatchObject({
      to: 'ELIGIBILITY_SCREENING',
      by: ['SPONSOR'],
    });
    expect(findTransition('AWAITING_SPONSOR', 'DECLINE_SPONSORSHIP')).toMatchObject({
      to: 'NOT_SPONSORED',
      by: ['SPONSOR'],
    });
    expect(findTransition('AWAITING_SPONSOR', 'LAPSE')).toMatchObject({ to: 'LAPSED', by: ['SYSTEM'] });
    expect(findTransition('AWAITING_SPONSOR', 'WITHDRAW')).toMatchObject({ by: ['APPLICANT'] });
    // Nobody sponsors the case yet: no officer, no clock, no deadline touches it (need-to-know).
    expect(allowedActions('AWAITING_SPONSOR', { clock: {} })).toEqual([
      'CONFIRM_SPONSORSHIP',
      'DECLINE_SPONSORSHIP',
      'WITHDRAW',
    ]);
    expect(rolesFor('CONFIRM_SPONSORSHIP')).toEqual(['SPONSOR']);
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
    // Rows that differ only by whether the case runs baseline checks are distinct rows.
    const keys = TRANSITIONS.map((t) => `${t.from}|${t.action}|${t.when ?? ''}|${String(t.only?.baseline)}`);
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

  it('names who may perform each action in one place: the by column', () => {
    expect(rolesFor('ASSIGN_OFFICER').sort()).toEqual(['ADMIN', 'TEAM_LEAD']);
    expect(rolesFor('WITHDRAW').sort()).toEqual(['APPLICANT', 'SPONSOR']);
    expect(rolesFor('RECORD_DECISION')).toEqual(['SENIOR_ADJUDICATOR']);
    expect(rolesFor('SUBMIT_QUESTIONNAIRE')).toEqual(['APPLICANT']);
    // A management decision: the team lead moves deadlines (DOMAIN.md), not the officer working the case.
    expect(rolesFor('EXTEND_DEADLINE')).toEqual(['TEAM_LEAD']);
    expect(rolesFor('SEND_REMINDER')).toEqual([]);
    for (const t of TRANSITIONS)
      expect({ action: t.action, by: t.by.length > 0 }).toEqual({ action: t.action, by: true });
  });

  it('derives the assigned-officer actions from the table', () => {
    const officerActions = [...new Set(TRANSITIONS.map((t) => t.action))].filter(isAssignedOfficerAction);
    expect(officerActions.sort()).toEqual(
      [
        'DECIDE_RESIDENCY_EXCEPTION',
        'ACCEPT_QUESTIONNAIRE',
        'RETURN_QUESTIONNAIRE',
        'COMPLETE_STAGE',
        'RECORD_RECOMMENDATION',
        'OPEN_TASK',
        'UPDATE_TASK',
        'CLOSE_TASK',
        'WAIVE_TASK',
        'SUBSTITUTE_REFEREE',
        'PAUSE_CLOCK',
        'RESUME_CLOCK',
        'RECORD_BASELINE_OUTCOME',
      ].sort(),
    );
  });

  it('offers a case only the rows that apply to its kind', () => {
    expect(allowedActions('QUESTIONNAIRE', { rules: 'v2', clock: null })).toEqual([
      'SUBMIT_QUESTIONNAIRE',
      'ACCEPT_QUESTIONNAIRE',
      'RETURN_QUESTIONNAIRE',
      'ASSIGN_OFFICER',
      'WITHDRAW',
    ]);
    expect(allowedActions('RECORD_CHECKS', { rules: 'v1', clock: {} })).not.toContain('CLOSE_TASK');
    expect(allowedActions('RECORD_CHECKS', { rules: 'v2', clock: {} })).toContain('CLOSE_TASK');
    expect(findTransition('QUESTIONNAIRE', 'LAPSE', undefined, { rules: 'v2' })).toBeUndefined();
    expect(findTransition('QUESTIONNAIRE', 'LAPSE', undefined, { rules: 'v2', clock: {} })?.to).toBe(
      'LAPSED',
    );
  });
});
