import { eventWords } from './cases.controller';
import { personName } from './case.types';
import { rerunOf } from './case-reader.service';

describe('who and what on a case page', () => {
  const detail = { staffNames: { 'officer-1': 'Olivia Hughes' } };

  it('names the staff the case names, the service for the system, and leaves anyone else as their id', () => {
    expect(personName(detail, 'officer-1')).toBe('Olivia Hughes');
    expect(personName(detail, 'system')).toBe('Vetting service');
    expect(personName(detail, 'applicant-9')).toBe('applicant-9');
  });

  it("calls the stage clock's escalations what they are, and other reminders reminders", () => {
    expect(eventWords({ action: 'SEND_REMINDER', payload: { kind: 'DEADLINE_ESCALATION' } })).toBe(
      'Escalated to the team lead',
    );
    expect(eventWords({ action: 'SEND_REMINDER', payload: { kind: 'REPEAT_ESCALATION' } })).toBe(
      'Escalated to the team lead',
    );
    expect(eventWords({ action: 'SEND_REMINDER', payload: { kind: 'GOAL_REMINDER' } })).toBe('Reminder sent');
    expect(eventWords({ action: 'EXTEND_DEADLINE', payload: {} })).toBe('Deadline extended');
    expect(eventWords({ action: 'SOMETHING_NEW', payload: {} })).toBe('SOMETHING_NEW');
  });
});

describe('a vetting re-run on appeal', () => {
  const detail = { rerunOfAppeal: '7d3c1a52-0000-4000-8000-000000000000' };

  it('links back to the appeal for those whose pages show one, and only names it for anyone else', () => {
    expect(rerunOf(detail, { roles: ['PANEL_SECRETARY'] })).toEqual({
      href: '/appeals/7d3c1a52-0000-4000-8000-000000000000',
    });
    expect(rerunOf(detail, { roles: ['SENIOR_ADJUDICATOR'] })?.href).toBe(
      '/appeals/7d3c1a52-0000-4000-8000-000000000000',
    );
    expect(rerunOf(detail, { roles: ['VETTING_OFFICER'] })).toEqual({ href: null });
    expect(rerunOf({ rerunOfAppeal: null }, { roles: ['PANEL_SECRETARY'] })).toBeNull();
    expect(rerunOf({}, { roles: ['PANEL_SECRETARY'] })).toBeNull();
  });
});
