import { checkNationality } from './nationality.rule';

describe('checkNationality', () => {
  it('passes a British citizen by birth with no flags', () => {
    expect(checkNationality({ status: 'BRITISH_BY_BIRTH', otherNationalities: [] })).toEqual({
      ok: true,
      flags: [],
    });
  });

  it('passes a naturalised British citizen and flags NATURALISED', () => {
    expect(checkNationality({ status: 'BRITISH_BY_NATURALISATION', otherNationalities: [] })).toEqual({
      ok: true,
      flags: ['NATURALISED'],
    });
  });

  it('fails someone who is not a British citizen', () => {
    expect(checkNationality({ status: 'NOT_BRITISH', otherNationalities: [] }).ok).toBe(false);
  });

  it('allows a British dual national and flags DUAL_NATIONAL', () => {
    expect(checkNationality({ status: 'BRITISH_BY_BIRTH', otherNationalities: ['FR'] })).toEqual({
      ok: true,
      flags: ['DUAL_NATIONAL'],
    });
  });

  it('flags a naturalised dual national with both flags, DUAL_NATIONAL first', () => {
    expect(
      checkNationality({ status: 'BRITISH_BY_NATURALISATION', otherNationalities: ['IE', 'US'] }).flags,
    ).toEqual(['DUAL_NATIONAL', 'NATURALISED']);
  });

  it('does not treat GB listed as another nationality as dual nationality', () => {
    expect(checkNationality({ status: 'BRITISH_BY_BIRTH', otherNationalities: ['GB'] }).flags).toEqual([]);
    expect(checkNationality({ status: 'BRITISH_BY_BIRTH', otherNationalities: ['gb', ' '] }).flags).toEqual(
      [],
    );
  });

  it('does not flag a non-British applicant as a dual national', () => {
    expect(checkNationality({ status: 'NOT_BRITISH', otherNationalities: ['FR', 'DE'] })).toEqual({
      ok: false,
      flags: [],
    });
  });
});
