import { messageLink } from './message-links';

const id = '3f2b6c1e-1a2b-4c3d-8e9f-0a1b2c3d4e5f';

describe('messageLink', () => {
  it('links a staff notice to the page of what it concerns, for a role that page lets in', () => {
    expect(messageLink({ caseId: id, about: 'APPEAL' }, ['PANEL_SECRETARY'])).toEqual({
      href: `/appeals/${id}`,
      text: 'Open the appeal',
    });
    expect(messageLink({ caseId: id, about: 'CASE' }, ['TEAM_LEAD'])?.href).toBe(`/cases/${id}`);
    expect(messageLink({ caseId: id, about: 'CLEARANCE' }, ['VETTING_OFFICER'])?.href).toBe(
      `/aftercare/clearances/${id}`,
    );
  });

  it('gives no link to a role the page does not let in, nor to applicants and sponsors', () => {
    expect(messageLink({ caseId: id, about: 'CLEARANCE' }, ['LINE_MANAGER'])).toBeNull();
    expect(messageLink({ caseId: id, about: 'APPEAL' }, ['VETTING_OFFICER'])).toBeNull();
    expect(messageLink({ caseId: id, about: 'CASE' }, ['APPLICANT', 'SPONSOR'])).toBeNull();
  });

  it('gives no link when the message names nothing known, or an id that is not a UUID', () => {
    expect(messageLink({ caseId: id, about: null }, ['SENIOR_ADJUDICATOR'])).toBeNull();
    expect(messageLink({ caseId: null, about: 'CASE' }, ['SENIOR_ADJUDICATOR'])).toBeNull();
    expect(messageLink({ caseId: '../audit', about: 'CASE' }, ['SENIOR_ADJUDICATOR'])).toBeNull();
  });
});
