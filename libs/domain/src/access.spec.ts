import type { CaseAccessFacts } from './access';
import type { QueueScope } from './access';
import { applicantStatusFor, caseViewFor, queueScopeFor, readNeedsReason, viewsThatMayAct } from './access';
import type { Principal } from './roles';

const facts: CaseAccessFacts = {
  stage: 'INVESTIGATION',
  assignee: 'officer-1',
  team: 'team-a',
  sponsorId: 'sponsor-1',
  applicantId: 'applicant-1',
};
const p = (subject: string, roles: Principal['roles'], team?: string): Principal => ({
  subject,
  roles,
  team,
});

describe('caseViewFor', () => {
  it.each([
    ['the assigned officer', p('officer-1', ['VETTING_OFFICER']), 'FULL'],
    ['another officer', p('officer-2', ['VETTING_OFFICER']), null],
    ['the team lead of the case team', p('lead-1', ['TEAM_LEAD'], 'team-a'), 'FULL'],
    ['a team lead of another team', p('lead-2', ['TEAM_LEAD'], 'team-b'), null],
    ['a team lead with no team claim', p('lead-3', ['TEAM_LEAD']), null],
    ['an adjudicator before the decision stage', p('adj-1', ['SENIOR_ADJUDICATOR']), null],
    ['the sponsor', p('sponsor-1', ['SPONSOR']), 'SPONSOR'],
    ['another sponsor', p('sponsor-2', ['SPONSOR']), null],
    ['the applicant', p('applicant-1', ['APPLICANT']), 'APPLICANT'],
    ['another applicant', p('applicant-2', ['APPLICANT']), null],
    ['an HR analyst', p('hr-1', ['HR_ANALYST']), null],
    ['an auditor', p('aud-1', ['AUDITOR']), null],
    ['an admin', p('admin-1', ['ADMIN']), 'FULL'],
  ])('gives %s the view %p', (_, principal, expected) => {
    expect(caseViewFor(principal, facts)).toBe(expected);
  });

  it('lets only the sponsor a held case names see it, and only while it is held', () => {
    const held = {
      ...facts,
      stage: 'AWAITING_SPONSOR' as const,
      sponsorId: null,
      requestedSponsorId: 'sponsor-9',
    };
    expect(caseViewFor(p('sponsor-9', ['SPONSOR']), held)).toBe('SPONSOR');
    expect(readNeedsReason(p('sponsor-9', ['SPONSOR']), held)).toBe(false);
    expect(caseViewFor(p('sponsor-1', ['SPONSOR']), held)).toBeNull();
    expect(caseViewFor(p('sponsor-9', ['SPONSOR']), { ...held, stage: 'NOT_SPONSORED' })).toBeNull();
  });

  it('lets an adjudicator see a case awaiting decision', () => {
    expect(caseViewFor(p('adj-1', ['SENIOR_ADJUDICATOR']), { ...facts, stage: 'DECISION' })).toBe('FULL');
  });

  it('gives the widest view when a principal holds several roles', () => {
    expect(
      caseViewFor(p('sponsor-2', ['SPONSOR', 'VETTING_OFFICER']), { ...facts, assignee: 'sponsor-2' }),
    ).toBe('FULL');
  });
});

describe('queueScopeFor', () => {
  // What the read-model's WHERE clause does with a scope, so the scope can be checked against caseViewFor.
  // (SQL's `=` is never true against NULL, hence the null guards.)
  const inScope = (scope: QueueScope, c: CaseAccessFacts): boolean =>
    c.applicantId !== scope.party &&
    c.sponsorId !== scope.party &&
    (scope.all ||
      (scope.assignee !== null && c.assignee === scope.assignee) ||
      (scope.team !== null && c.team === scope.team) ||
      (scope.stage !== null && c.stage === scope.stage));
  const principals = [
    p('officer-1', ['VETTING_OFFICER']),
    p('officer-2', ['VETTING_OFFICER']),
    p('lead-1', ['TEAM_LEAD'], 'team-a'),
    p('lead-2', ['TEAM_LEAD'], 'team-b'),
    p('lead-3', ['TEAM_LEAD']),
    p('adj-1', ['SENIOR_ADJUDICATOR']),
    p('sponsor-1', ['SPONSOR']),
    p('applicant-1', ['APPLICANT']),
    p('hr-1', ['HR_ANALYST']),
    p('aud-1', ['AUDITOR']),
    p('admin-1', ['ADMIN']),
    p('officer-1', ['VETTING_OFFICER', 'SENIOR_ADJUDICATOR']),
    p('applicant-1', ['ADMIN']),
    p('sponsor-1', ['TEAM_LEAD', 'SPONSOR'], 'team-a'),
  ];
  const cases: CaseAccessFacts[] = [
    facts,
    { ...facts, stage: 'DECISION' },
    { ...facts, assignee: null, team: null },
    { ...facts, assignee: null, team: null, stage: 'DECISION' },
  ];

  it('lists exactly the cases the principal sees in full', () => {
    for (const principal of principals) {
      for (const c of cases) {
        expect([principal.subject, principal.roles, c, inScope(queueScopeFor(principal), c)]).toEqual([
          principal.subject,
          principal.roles,
          c,
          caseViewFor(principal, c) === 'FULL',
        ]);
      }
    }
  });
});

describe('readNeedsReason', () => {
  it('needs no reason inside the own queue and one outside it', () => {
    expect(readNeedsReason(p('officer-1', ['VETTING_OFFICER']), facts)).toBe(false);
    expect(readNeedsReason(p('admin-1', ['ADMIN']), facts)).toBe(true);
  });
});

describe('applicantStatusFor', () => {
  it('never reveals the internal stage', () => {
    expect(applicantStatusFor('ELIGIBILITY_SCREENING')).toBe('RECEIVED');
    expect(applicantStatusFor('QUESTIONNAIRE')).toBe('ACTION_NEEDED');
    expect(applicantStatusFor('RECORD_CHECKS')).toBe('IN_PROGRESS');
    expect(applicantStatusFor('RESIDENCY_EXCEPTION_REVIEW')).toBe('IN_PROGRESS');
    expect(applicantStatusFor('REFUSED')).toBe('DECISION_MADE');
    expect(applicantStatusFor('INELIGIBLE')).toBe('DECISION_MADE');
    expect(applicantStatusFor('WITHDRAWN')).toBe('CLOSED');
  });

  it('tells an applicant whose case is held that it waits for their sponsor, and a declined one that it ended', () => {
    expect(applicantStatusFor('AWAITING_SPONSOR')).toBe('WAITING_FOR_SPONSOR');
    expect(applicantStatusFor('NOT_SPONSORED')).toBe('DECISION_MADE');
  });

  it('says "in progress" once the questionnaire is submitted, and "action needed" when it is returned', () => {
    expect(applicantStatusFor('QUESTIONNAIRE', 'AWAITING')).toBe('ACTION_NEEDED');
    expect(applicantStatusFor('QUESTIONNAIRE', 'SUBMITTED')).toBe('IN_PROGRESS');
    expect(applicantStatusFor('QUESTIONNAIRE', 'RETURNED')).toBe('ACTION_NEEDED');
  });
});

describe('viewsThatMayAct', () => {
  it('derives from the transition table which relation to a case may issue an action', () => {
    expect(viewsThatMayAct('WITHDRAW').sort()).toEqual(['APPLICANT', 'SPONSOR']);
    expect(viewsThatMayAct('SUBMIT_QUESTIONNAIRE')).toEqual(['APPLICANT']);
    expect(viewsThatMayAct('ASSIGN_OFFICER')).toEqual(['FULL']);
    expect(viewsThatMayAct('EXTEND_DEADLINE')).toEqual(['FULL']);
    expect(viewsThatMayAct('RECORD_DECISION')).toEqual(['FULL']);
    expect(viewsThatMayAct('SEND_REMINDER')).toEqual([]);
  });
});
