import { nameableSecretaries } from './secretary-candidates';

const appeal = {
  appellantId: 'holder-1',
  sponsorId: 'sponsor-1',
  priorInvolvement: ['adj-1', 'sec-2'],
  panel: { secretaryId: 'sec-3' },
};

describe('nameableSecretaries', () => {
  it('offers panel secretaries with no part in the case, in the order given', () => {
    const staff = [
      { userId: 'sec-9', roles: ['PANEL_SECRETARY'] as const },
      { userId: 'sec-1', roles: ['PANEL_SECRETARY', 'SENIOR_ADJUDICATOR'] as const },
    ];
    expect(nameableSecretaries(appeal, staff).map((s) => s.userId)).toEqual(['sec-9', 'sec-1']);
  });

  it('leaves out anyone not a panel secretary now', () => {
    expect(nameableSecretaries(appeal, [{ userId: 'adj-5', roles: ['SENIOR_ADJUDICATOR'] }])).toEqual([]);
  });

  it('leaves out anyone involved before, the appellant and the sponsor, even holding the role', () => {
    const staff = ['sec-2', 'holder-1', 'sponsor-1'].map((userId) => ({
      userId,
      roles: ['PANEL_SECRETARY'] as const,
    }));
    expect(nameableSecretaries(appeal, staff)).toEqual([]);
  });

  it('leaves out the secretary already named (naming them again is refused)', () => {
    expect(nameableSecretaries(appeal, [{ userId: 'sec-3', roles: ['PANEL_SECRETARY'] }])).toEqual([]);
  });

  it('offers everyone eligible while none is named, or on an appeal from before the panel', () => {
    const staff = [{ userId: 'sec-3', roles: ['PANEL_SECRETARY'] as const }];
    expect(nameableSecretaries({ ...appeal, panel: null }, staff)).toHaveLength(1);
    expect(nameableSecretaries({ ...appeal, panel: { secretaryId: null } }, staff)).toHaveLength(1);
  });
});
