import { auditFilters, isoDate, readAuditSearch } from './audit-filters';

const empty = { day: '', month: '', year: '' };

describe('isoDate', () => {
  it('reads a GOV.UK date input, and refuses dates that do not exist', () => {
    expect(isoDate(empty)).toBe('');
    expect(isoDate({ day: '1', month: '2', year: '2026' })).toBe('2026-02-01');
    expect(isoDate({ day: '31', month: '2', year: '2026' })).toBeNull();
    expect(isoDate({ day: '1', month: '', year: '2026' })).toBeNull();
    expect(isoDate({ day: 'x', month: '1', year: '2026' })).toBeNull();
  });
});

describe('auditFilters', () => {
  it('sends only what was filled in, the action in capitals', () => {
    const search = readAuditSearch({
      caseId: ' 3F2B8C1E-0A4D-4B7E-9C2F-1D5E6A7B8C9D ',
      action: 'case_read',
      'from-day': '1',
      'from-month': '11',
      'from-year': '2026',
      page: '2',
    });
    expect(auditFilters(search)).toEqual({
      ok: true,
      query: {
        caseId: '3f2b8c1e-0a4d-4b7e-9c2f-1d5e6a7b8c9d',
        action: 'CASE_READ',
        from: '2026-11-01',
        page: 2,
        pageSize: 50,
      },
    });
  });

  it('says what to fix, field by field, instead of asking the API', () => {
    const result = auditFilters(
      readAuditSearch({
        caseId: 'abc',
        action: 'case read',
        'from-day': '2',
        'from-month': '1',
        'from-year': '2026',
        'to-day': '1',
        'to-month': '1',
        'to-year': '2026',
      }),
    );
    expect(result.ok ? [] : result.errors.map((e) => e.href)).toEqual(['#caseId', '#action', '#to-day']);
  });

  it('ignores a page that is not a page number', () => {
    expect(readAuditSearch({ page: '-3' }).page).toBe(1);
    expect(readAuditSearch({ page: ['2', '3'] }).page).toBe(1);
  });
});
