import { applicantOutcomeFor } from '../../../../libs/domain/src';
import type { AppellantAppeal } from './appellant-words';
import {
  appealTextProblem,
  appellantView,
  kindFor,
  madeAbout,
  madeView,
  mayAppeal,
  nextStep,
  panelWindowOpen,
  RESPONSE_NOT_KEPT,
  responseWords,
  wasRefused,
} from './appellant-words';

const NOW = Date.parse('2027-03-01T12:00:00Z');
const received: AppellantAppeal = {
  appealId: '3f2b6c1e-0000-4000-8000-000000000001',
  kind: 'APPEAL',
  ground: 'WITHDRAWAL',
  caseId: null,
  clearanceId: '3f2b6c1e-0000-4000-8000-0000000000c1',
  status: 'RECEIVED',
  outcome: null,
  response: null,
  panelWindowEndsAt: null,
  statementDueAt: null,
  lodgedAt: '2027-02-01T09:00:00Z',
};

describe('who may challenge what', () => {
  const refused = applicantOutcomeFor('REFUSED', ['r'], [])?.message;
  it('offers a route only on a refusal after vetting, not on other "not granted" outcomes', () => {
    expect(wasRefused({ status: 'DECISION_MADE', outcome: 'NOT_GRANTED', message: refused })).toBe(true);
    const baseline = applicantOutcomeFor('BASELINE_FAILED', [], [])?.message;
    expect(wasRefused({ status: 'DECISION_MADE', outcome: 'NOT_GRANTED', message: baseline })).toBe(false);
    expect(wasRefused({ status: 'DECISION_MADE', outcome: 'GRANTED', message: refused })).toBe(false);
    expect(wasRefused({ status: 'IN_PROGRESS' })).toBe(false);
  });

  it('offers their appeals in the navigation once they may appeal or complain, or have', () => {
    const none = { appeals: [], applications: [], clearances: [] };
    expect(mayAppeal(none)).toBe(false);
    expect(
      mayAppeal({
        ...none,
        applications: [{ status: 'DECISION_MADE', outcome: 'GRANTED' }, { status: 'IN_PROGRESS' }],
        clearances: [{ status: 'ACTIVE' }],
      }),
    ).toBe(false);
    expect(
      mayAppeal({
        ...none,
        applications: [{ status: 'DECISION_MADE', outcome: 'NOT_GRANTED', message: refused }],
      }),
    ).toBe(true);
    expect(mayAppeal({ ...none, clearances: [{ status: 'WITHDRAWN' }] })).toBe(true);
    expect(mayAppeal({ ...none, appeals: [received] })).toBe(true);
  });

  it('finds what was already made about a decision, so the route is not offered again', () => {
    const complaint: AppellantAppeal = {
      ...received,
      kind: 'COMPLAINT',
      ground: 'REFUSAL',
      caseId: '3f2b6c1e-0000-4000-8000-0000000000a1',
      clearanceId: null,
    };
    const mine = [complaint, received];
    expect(madeAbout(mine, 'withdrawal', received.clearanceId ?? '')).toBe(received);
    expect(madeAbout(mine, 'refusal', complaint.caseId ?? '')).toBe(complaint);
    // Another decision, or the same id under the other ground, has nothing made yet.
    expect(madeAbout(mine, 'refusal', '3f2b6c1e-0000-4000-8000-0000000000a2')).toBeNull();
    expect(madeAbout(mine, 'refusal', received.clearanceId ?? '')).toBeNull();
    expect(madeView(complaint)).toMatchObject({ kind: 'COMPLAINT', noun: 'complaint', tag: 'Received' });
  });

  it('lets a recruit complain and staff appeal; a withdrawal is always appealed', () => {
    expect(kindFor('refusal', false)).toBe('COMPLAINT');
    expect(kindFor('refusal', true)).toBe('APPEAL');
    expect(kindFor('withdrawal', false)).toBe('APPEAL');
  });
});

describe('grounds and statements', () => {
  it('are required and at most 4000 characters, as the API has them', () => {
    expect(appealTextProblem('', 'your grounds', 'Your grounds')).toBe('Enter your grounds');
    expect(appealTextProblem('x'.repeat(4001), 'your grounds', 'Your grounds')).toBe(
      'Your grounds must be 4000 characters or fewer',
    );
    expect(appealTextProblem('x'.repeat(4000), 'your grounds', 'Your grounds')).toBeNull();
  });
});

describe('what the appellant is told', () => {
  it('offers the panel only while its window is open', () => {
    const upheld = {
      ...received,
      status: 'DECISION_MADE' as const,
      panelWindowEndsAt: '2027-03-02T00:00:00Z',
    };
    expect(panelWindowOpen(upheld, NOW)).toBe(true);
    expect(panelWindowOpen(upheld, Date.parse('2027-03-03T00:00:00Z'))).toBe(false);
    expect(nextStep(upheld, NOW)).toContain('tell us before the deadline');
    expect(appellantView(upheld, NOW)).toMatchObject({ mayGoToPanel: true, mayMakeStatement: false });
  });

  it('asks for the statement of case while it is due, and says so once it is late', () => {
    const due = { ...received, status: 'ACTION_NEEDED' as const, statementDueAt: '2027-03-02T00:00:00Z' };
    expect(appellantView(due, NOW)).toMatchObject({ tag: 'Action needed', mayMakeStatement: true });
    expect(nextStep(due, Date.parse('2027-03-03T00:00:00Z'))).toContain('has passed');
  });

  it('uses the coarse words and the outcome the API gives, never a staff status', () => {
    expect(appellantView(received, NOW)).toMatchObject({ tag: 'Received', kindWords: 'Appeal' });
    const answered = {
      ...received,
      kind: 'COMPLAINT' as const,
      status: 'DECISION_MADE' as const,
      outcome: 'Your complaint has been answered.',
    };
    expect(nextStep(answered, NOW)).toBe('Your complaint has been answered.');
    expect(nextStep({ ...received, kind: 'COMPLAINT' }, NOW)).toContain('no part in the decision');
    expect(appellantView({ ...received, status: 'CLOSED' }, NOW)).toMatchObject({
      tag: 'Closed',
      colour: 'grey',
    });
  });

  it('shows a complaint’s written response, or says plainly why there is none to show', () => {
    const answered = { ...received, kind: 'COMPLAINT' as const, status: 'DECISION_MADE' as const };
    expect(responseWords({ ...answered, response: 'We looked again.\nThe decision stands.' })).toEqual({
      text: 'We looked again.\nThe decision stands.',
      kept: true,
    });
    // Answered before responses were kept: a sentence, not nothing, and it says how to get a copy.
    expect(responseWords(answered)).toEqual({ text: RESPONSE_NOT_KEPT, kept: false });
    expect(RESPONSE_NOT_KEPT).toBe(
      'Your complaint was answered before written responses were shown on this service, so we cannot show it here. Contact the vetting team if you need a copy.',
    );
    expect(appellantView(answered, NOW)).toMatchObject({ responseWords: { kept: false } });
    // Nothing is said while a complaint is open, nor for an appeal (which has no written response).
    expect(responseWords({ ...answered, status: 'IN_PROGRESS' })).toBeNull();
    expect(responseWords({ ...received, status: 'DECISION_MADE' })).toBeNull();
  });
});
