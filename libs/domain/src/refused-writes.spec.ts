import { refusedWriteMeaning } from './refused-writes';

describe('refusedWriteMeaning', () => {
  it('says in words what a refused write of each case activity leaves missing', () => {
    expect(refusedWriteMeaning('recordTransition')).toMatch(/could not be saved to the case record/);
    expect(refusedWriteMeaning('saveRecordCheck')).toMatch(/record checks shown may be out of date/);
    expect(refusedWriteMeaning('notifyCaseUpdate')).toMatch(/were not told/);
  });

  it('falls back to a general sentence for an activity it does not know, including prototype names', () => {
    for (const activity of ['someNewActivity', '__proto__', 'constructor', 'toString', '']) {
      expect(refusedWriteMeaning(activity)).toBe('Something that happened on this case could not be saved.');
    }
  });
});
