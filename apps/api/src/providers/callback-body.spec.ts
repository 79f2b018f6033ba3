import { parseCallbackBody, wellFormedParts } from './callback-body';

const CASE_ID = '3f2a1b0c-9d8e-4f7a-8b6c-5d4e3f2a1b0c';
const valid = { providerRef: 'P-1', caseId: CASE_ID, checkType: 'SECURITY_SERVICE', outcome: 'TRACE' };

describe('provider callback bodies', () => {
  it('accepts the documented body, with or without detail, ignoring extra fields', () => {
    expect(parseCallbackBody(valid)).toEqual({ ok: true, value: { ...valid, detail: null } });
    expect(parseCallbackBody({ ...valid, detail: 'one match', extra: 1 })).toEqual({
      ok: true,
      value: { ...valid, detail: 'one match' },
    });
  });

  it('names every bad field', () => {
    const result = parseCallbackBody({ providerRef: '', caseId: 'Alex Morgan', checkType: 'x', detail: 5 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fields.map((f) => f.field)).toEqual([
      'providerRef',
      'caseId',
      'checkType',
      'outcome',
      'detail',
    ]);
    expect(parseCallbackBody([valid]).ok).toBe(false);
    expect(parseCallbackBody(null).ok).toBe(false);
  });

  it('keeps only well-formed parts of an untrusted body, so nothing free-form is ever recorded from it', () => {
    expect(wellFormedParts({ ...valid, caseId: 'Alex Morgan', detail: 'x' })).toEqual({
      providerRef: 'P-1',
      checkType: 'SECURITY_SERVICE',
      outcome: 'TRACE',
    });
    expect(wellFormedParts('nope')).toEqual({});
  });
});
