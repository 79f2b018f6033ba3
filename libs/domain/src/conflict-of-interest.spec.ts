import { caseViewFor, readNeedsReason } from './access';
import type { CaseAccessFacts } from './access';
import { assigneeProblem, assignmentConflict, fourEyesConflict, partyTo } from './conflict-of-interest';
import type { StaffMemberFacts } from './conflict-of-interest';
import type { Principal } from './roles';

// Issue 9.2, self-adjudication: a person who was the applicant on a case and also held the adjudicator role
// read and granted their own clearance; a team lead who is also an adjudicator could decide a case they assigned.
const facts: CaseAccessFacts = {
  stage: 'DECISION',
  assignee: 'officer-1',
  team: 'team-a',
  sponsorId: 'sponsor-1',
  applicantId: 'applicant-1',
};
const participants = { ...facts, investigatingOfficers: ['officer-1'], assignedBy: ['lead-1'] };

describe('partyTo', () => {
  it('names the applicant and the sponsor of a case, and nobody else', () => {
    expect(partyTo('applicant-1', facts)).toBe('APPLICANT');
    expect(partyTo('sponsor-1', facts)).toBe('SPONSOR');
    expect(partyTo('officer-1', facts)).toBeNull();
    expect(partyTo('anyone', { applicantId: null, sponsorId: null })).toBeNull();
  });
});

describe('self-adjudication: a party to a case never sees it through a staff role', () => {
  it.each([
    [
      'an applicant who is also an adjudicator',
      ['APPLICANT', 'SENIOR_ADJUDICATOR'],
      'applicant-1',
      'APPLICANT',
    ],
    ['an applicant who is also an admin', ['APPLICANT', 'ADMIN'], 'applicant-1', 'APPLICANT'],
    ['an applicant who is also the team lead', ['APPLICANT', 'TEAM_LEAD'], 'applicant-1', 'APPLICANT'],
    ['a sponsor who is also an adjudicator', ['SPONSOR', 'SENIOR_ADJUDICATOR'], 'sponsor-1', 'SPONSOR'],
    ['the applicant holding only a staff role', ['SENIOR_ADJUDICATOR'], 'applicant-1', null],
    ['the sponsor holding only a staff role', ['ADMIN'], 'sponsor-1', null],
  ] as const)('gives %s only the party view', (_, roles, subject, view) => {
    const principal: Principal = { subject, roles: [...roles], team: 'team-a' };
    expect(caseViewFor(principal, facts)).toBe(view);
    expect(readNeedsReason(principal, facts)).toBe(false);
  });

  it('still gives a staff member who is no party to the case their widest view', () => {
    const principal: Principal = { subject: 'sponsor-2', roles: ['SPONSOR', 'SENIOR_ADJUDICATOR'] };
    expect(caseViewFor(principal, facts)).toBe('FULL');
  });
});

describe('fourEyesConflict: every staff role, not only officers', () => {
  const adjudicator = (subject: string, ...more: Principal['roles']): Principal => ({
    subject,
    roles: ['SENIOR_ADJUDICATOR', ...more],
    team: 'team-a',
  });

  it('refuses a team lead who is also an adjudicator a decision on a case they assigned', () => {
    expect(fourEyesConflict(adjudicator('lead-1', 'TEAM_LEAD'), 'RECORD_DECISION', participants)).toMatch(
      /did not assign/,
    );
    expect(
      fourEyesConflict(adjudicator('lead-1', 'TEAM_LEAD'), 'RETURN_TO_INVESTIGATION', participants),
    ).toMatch(/did not assign/);
  });

  it('refuses anyone who investigated the case, and a party to it', () => {
    expect(
      fourEyesConflict(adjudicator('officer-1', 'VETTING_OFFICER'), 'RECORD_DECISION', participants),
    ).toMatch(/did not investigate/);
    expect(fourEyesConflict(adjudicator('applicant-1'), 'RECORD_DECISION', participants)).toMatch(/party/);
  });

  it('lets an adjudicator who neither assigned nor investigated decide, and leaves other actions alone', () => {
    expect(fourEyesConflict(adjudicator('adjudicator-9'), 'RECORD_DECISION', participants)).toBeNull();
    expect(fourEyesConflict(adjudicator('lead-1', 'TEAM_LEAD'), 'EXTEND_DEADLINE', participants)).toBeNull();
  });
});

describe('assignmentConflict', () => {
  it('never assigns the applicant or sponsor as the officer on their own case', () => {
    expect(assignmentConflict('applicant-1', facts)).toMatch(/applicant/);
    expect(assignmentConflict('sponsor-1', facts)).toMatch(/sponsor/);
    expect(assignmentConflict('officer-2', facts)).toBeNull();
  });
});

describe('assigneeProblem: only an existing officer of the case team, never a party', () => {
  const onCase = { applicantId: 'applicant-1', sponsorId: 'sponsor-1', team: 'dv-team-1' };
  const member = (userId: string, overrides: Partial<StaffMemberFacts> = {}): StaffMemberFacts => ({
    userId,
    roles: ['VETTING_OFFICER'],
    team: 'dv-team-1',
    ...overrides,
  });

  it('accepts a vetting officer of the case team', () => {
    expect(assigneeProblem('officer-1', member('officer-1'), onCase)).toBeNull();
  });

  it('refuses the applicant, even when they are an officer of the team in the directory', () => {
    expect(assigneeProblem('applicant-1', member('applicant-1'), onCase)).toBe(
      'the officer is the applicant on this case',
    );
  });

  it('refuses the sponsor, even when they are an officer of the team in the directory', () => {
    expect(assigneeProblem('sponsor-1', member('sponsor-1'), onCase)).toBe(
      'the officer is the sponsor of this case',
    );
  });

  it('refuses a typo as "no such officer"', () => {
    expect(assigneeProblem('offcer-1', null, onCase)).toBe(
      'no such officer: offcer-1 is not in the staff directory',
    );
  });

  it('refuses staff who are not vetting officers', () => {
    expect(assigneeProblem('lead-1', member('lead-1', { roles: ['TEAM_LEAD'] }), onCase)).toMatch(
      /lead-1 is not a vetting officer/,
    );
  });

  it("refuses another team's officer, and an officer with no team, on a case of a team", () => {
    expect(assigneeProblem('officer-3', member('officer-3', { team: 'dv-team-2' }), onCase)).toMatch(
      /not an officer of this case's team \(dv-team-1\)/,
    );
    expect(assigneeProblem('officer-9', member('officer-9', { team: null }), onCase)).toMatch(
      /not an officer/,
    );
  });

  it('accepts any existing officer on a case with no team (only an admin sees those)', () => {
    expect(
      assigneeProblem('officer-3', member('officer-3', { team: 'dv-team-2' }), { ...onCase, team: null }),
    ).toBeNull();
  });
});
