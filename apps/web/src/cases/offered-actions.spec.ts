import type { CaseAction } from '../../../../libs/domain/src';
import { offeredActions } from './offered-actions';

describe('offeredActions', () => {
  const officer = { subject: 'officer-1', roles: ['VETTING_OFFICER' as const] };
  const lead = { subject: 'lead-1', roles: ['TEAM_LEAD' as const] };
  const adjudicator = { subject: 'adjudicator-1', roles: ['SENIOR_ADJUDICATOR' as const] };
  const inQuestionnaire: CaseAction[] = [
    'ACCEPT_QUESTIONNAIRE',
    'RETURN_QUESTIONNAIRE',
    'ASSIGN_OFFICER',
    'WITHDRAW',
  ];

  it('offers the assigned officer the officer actions, and nothing of the applicant’s or lead’s', () => {
    const facts = { allowedActions: inQuestionnaire, assignee: 'officer-1', investigatingOfficers: [] };
    expect(offeredActions(facts, officer)).toEqual(['ACCEPT_QUESTIONNAIRE', 'RETURN_QUESTIONNAIRE']);
  });

  it('offers another officer nothing on a case that is not theirs', () => {
    const facts = { allowedActions: inQuestionnaire, assignee: 'officer-2', investigatingOfficers: [] };
    expect(offeredActions(facts, officer)).toEqual([]);
  });

  it('offers the team lead assignment', () => {
    const facts = { allowedActions: inQuestionnaire, assignee: null, investigatingOfficers: [] };
    expect(offeredActions(facts, lead)).toEqual(['ASSIGN_OFFICER']);
  });

  it('never offers a decision to an adjudicator who investigated the case', () => {
    const allowedActions: CaseAction[] = ['RECORD_DECISION', 'RETURN_TO_INVESTIGATION', 'ASSIGN_OFFICER'];
    expect(
      offeredActions({ allowedActions, assignee: 'officer-1', investigatingOfficers: [] }, adjudicator),
    ).toEqual(['RECORD_DECISION', 'RETURN_TO_INVESTIGATION']);
    expect(
      offeredActions(
        { allowedActions, assignee: 'officer-1', investigatingOfficers: ['adjudicator-1'] },
        adjudicator,
      ),
    ).toEqual([]);
  });

  it('offers nothing the API did not list, whatever the role', () => {
    expect(
      offeredActions({ allowedActions: [], assignee: 'officer-1', investigatingOfficers: [] }, officer),
    ).toEqual([]);
  });
});
