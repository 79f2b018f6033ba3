import { identityFromClaims } from './identity-claims';

describe('identityFromClaims: the one reading of identity-provider claims (API tokens and web sign-in)', () => {
  it('reads the subject, the known roles, the team and the name', () => {
    expect(
      identityFromClaims({
        sub: 'officer-1',
        roles: ['VETTING_OFFICER'],
        team: 'dv-team-1',
        name: ' Olivia ',
      }),
    ).toEqual({
      principal: { subject: 'officer-1', roles: ['VETTING_OFFICER'], team: 'dv-team-1' },
      displayName: 'Olivia',
    });
  });

  it('ignores roles it does not know and roles that are not strings', () => {
    expect(identityFromClaims({ sub: 's', roles: ['AUDITOR', 'ROOT', 7, null] })?.principal.roles).toEqual([
      'AUDITOR',
    ]);
  });

  it('gives no roles when the claim is missing or not a list', () => {
    expect(identityFromClaims({ sub: 's' })?.principal.roles).toEqual([]);
    expect(identityFromClaims({ sub: 's', roles: 'ADMIN' })?.principal.roles).toEqual([]);
  });

  it('leaves out an empty or non-string team, and an empty name', () => {
    expect(identityFromClaims({ sub: 's', team: '', name: '   ' })).toEqual({
      principal: { subject: 's', roles: [] },
      displayName: null,
    });
    expect(identityFromClaims({ sub: 's', team: 3 })?.principal).toEqual({ subject: 's', roles: [] });
  });

  it('bounds a long name', () => {
    expect(identityFromClaims({ sub: 's', name: 'x'.repeat(500) })?.displayName).toHaveLength(200);
  });

  it('identifies nobody without a subject', () => {
    expect(identityFromClaims({ roles: ['ADMIN'] })).toBeNull();
    expect(identityFromClaims({ sub: '', roles: ['ADMIN'] })).toBeNull();
    expect(identityFromClaims({ sub: 42 })).toBeNull();
  });
});
