import { conditionFields, conditionsFrom, conditionValues } from './condition-rows';

describe('condition rows', () => {
  it('reads the filled rows and ignores empty ones', () => {
    expect(
      conditionsFrom({
        'condition-1-type': 'TRAVEL_RESTRICTION',
        'condition-1-detail': ' Notify travel ',
        'condition-2-type': '',
        'condition-2-detail': '',
        'condition-3-type': '',
        'condition-3-detail': 'detail without a type',
      }),
    ).toEqual([
      { type: 'TRAVEL_RESTRICTION', detail: 'Notify travel' },
      { type: '', detail: 'detail without a type' },
    ]);
  });

  it('fills the rows from existing conditions, and names every field', () => {
    const values = conditionValues([{ type: 'TRAVEL_RESTRICTION', detail: 'Notify travel' }]);
    expect(values).toEqual({
      'condition-1-type': 'TRAVEL_RESTRICTION',
      'condition-1-detail': 'Notify travel',
    });
    expect(conditionsFrom(values)).toEqual([{ type: 'TRAVEL_RESTRICTION', detail: 'Notify travel' }]);
    expect(conditionFields()).toHaveLength(6);
  });
});
