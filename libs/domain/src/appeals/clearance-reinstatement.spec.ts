import { grantedClearance } from '../clearance/clearance-state';
import { clearanceGrantedOnAppeal, reinstatedClearance } from './clearance-reinstatement';

const at = '2027-05-01T10:00:00.000Z';
const facts = {
  clearanceId: '00000000-0000-4000-8000-000000000001',
  caseId: '00000000-0000-4000-8000-000000000002',
  holderId: 'holder-1',
  sponsorId: 'sponsor-1',
  grantedOn: '2027-05-01',
  renewalDue: '2034-05-01',
};

describe('a clearance granted on a refusal appeal', () => {
  it('is valid with no conditions, its grant by the appeal the first event (seq 1)', () => {
    const state = clearanceGrantedOnAppeal(facts, at);
    expect(state).toMatchObject({ ...facts, status: 'VALID', conditions: [], seq: 1, endedAt: null });
    expect(state.tasks).toEqual([]);
    expect(state.renewal).toBeNull();
  });
});

describe('a withdrawn clearance restored by an appeal', () => {
  it('is valid again with the next sequence number, and a live one is left alone', () => {
    const live = grantedClearance({ ...facts, conditions: [] }, at);
    expect(reinstatedClearance(live, at)).toBeNull();
    const withdrawn = {
      ...live,
      status: 'WITHDRAWN' as const,
      seq: 4,
      endedAt: at,
      withdrawal: { by: 'adj-1', at, disclosableReasons: 'd' },
    };
    expect(reinstatedClearance(withdrawn, at)).toMatchObject({
      status: 'VALID',
      withdrawal: null,
      endedAt: null,
      seq: 5,
    });
  });
});
