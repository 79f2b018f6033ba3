import type { ClearanceFacts } from './clearance-rules';
import type { LineManagerDirectoryEntry } from './line-manager-choice';
import {
  foldForSearch,
  LINE_MANAGER_SEARCH_MAX_LENGTH,
  LINE_MANAGER_SEARCH_MAX_RESULTS,
  lineManagerChoice,
  lineManagerSearchTermProblem,
  mayBeNamedLineManager,
  nameMatchesTerm,
} from './line-manager-choice';

const facts = (over: Partial<ClearanceFacts> = {}): ClearanceFacts => ({
  status: 'VALID',
  holderId: 'holder-1',
  sponsorId: 'sponsor-1',
  appraisal: null,
  lineManagerId: null,
  tasks: [],
  reviewers: [],
  ...over,
});
const member = (
  userId: string,
  displayName: string,
  over: Partial<LineManagerDirectoryEntry> = {},
): LineManagerDirectoryEntry => ({ userId, displayName, roles: ['LINE_MANAGER'], team: null, ...over });
const ids = (r: { items: { lineManagerId: string }[] }): string[] => r.items.map((i) => i.lineManagerId);

describe('folding names for the line manager search', () => {
  it('ignores case and the accents of Latin letters, including those with no decomposition', () => {
    expect(foldForSearch('Zoë Ångström-PÉREZ')).toBe('zoe angstrom-perez');
    expect(foldForSearch('Strauß Ærø Łukasz Þór Đorđe İpek')).toBe('strauss aero lukasz thor dorde ipek');
    expect(foldForSearch('Ｊｏｈｎ ﬁnch')).toBe('john finch');
  });

  it('only lower-cases other scripts: no transliteration, Greek and Cyrillic accents kept', () => {
    expect(foldForSearch('ЖАННА')).toBe('жанна');
    expect(foldForSearch('Ζωή')).toBe('ζωή');
    expect(foldForSearch('Йосиф')).toBe('йосиф');
    expect(nameMatchesTerm('Ζωή Παππά', 'ζωη')).toBe(false);
    expect(nameMatchesTerm('Жанна Ким', 'zhanna')).toBe(false);
    expect(nameMatchesTerm('Жанна Ким', 'ЖАН')).toBe(true);
  });
});

describe('matching a name to a search term', () => {
  it('finds a name when every word of the term begins one of its words', () => {
    expect(nameMatchesTerm('Jordan Ellis', 'ellis')).toBe(true);
    expect(nameMatchesTerm('Jordan Ellis', 'jo ell')).toBe(true);
    expect(nameMatchesTerm('Jordan Ellis', 'ELLIS JORDAN')).toBe(true);
    expect(nameMatchesTerm('Jordan Ellis', 'llis')).toBe(false);
    expect(nameMatchesTerm('Jordan Ellis', 'ellis smith')).toBe(false);
  });

  it('treats hyphens and apostrophes as both joining and separating words', () => {
    for (const term of ['lowe', 'ashby', 'ashby-lowe', 'ashbylowe', 'Ashby Lowe'])
      expect({ term, found: nameMatchesTerm('Robin Ashby-Lowe', term) }).toEqual({ term, found: true });
    for (const term of ["o'brien", 'obrien', 'brien', 'O’Brien'])
      expect({ term, found: nameMatchesTerm("Seán O'Brien", term) }).toEqual({ term, found: true });
    expect(nameMatchesTerm("Seán O'Brien", 'sean')).toBe(true);
  });
});

describe('the search term', () => {
  it('needs two letters or digits, and at most the maximum length', () => {
    expect(lineManagerSearchTermProblem('')).toBe('EMPTY');
    expect(lineManagerSearchTermProblem('   ')).toBe('EMPTY');
    expect(lineManagerSearchTermProblem('a')).toBe('TOO_SHORT');
    expect(lineManagerSearchTermProblem("a'-")).toBe('TOO_SHORT');
    expect(lineManagerSearchTermProblem('é ')).toBe('TOO_SHORT');
    expect(lineManagerSearchTermProblem('ab')).toBe(null);
    expect(lineManagerSearchTermProblem('ß')).toBe(null); // folds to "ss"
    expect(lineManagerSearchTermProblem('x'.repeat(LINE_MANAGER_SEARCH_MAX_LENGTH))).toBe(null);
    expect(lineManagerSearchTermProblem('x'.repeat(LINE_MANAGER_SEARCH_MAX_LENGTH + 1))).toBe('TOO_LONG');
  });
});

describe('who may be named line manager', () => {
  it('is a line manager in the directory whom the naming rule takes: never the holder, the sponsor or the one named', () => {
    const f = facts({ lineManagerId: 'manager-2' });
    expect(mayBeNamedLineManager(f, 'sponsor-1', member('manager-1', 'A'))).toBe(true);
    expect(mayBeNamedLineManager(f, 'sponsor-1', member('manager-2', 'A'))).toBe(false);
    expect(mayBeNamedLineManager(f, 'sponsor-1', member('holder-1', 'A'))).toBe(false);
    expect(mayBeNamedLineManager(f, 'sponsor-1', member('sponsor-1', 'A'))).toBe(false);
    expect(
      mayBeNamedLineManager(f, 'sponsor-1', member('officer-1', 'A', { roles: ['VETTING_OFFICER'] })),
    ).toBe(false);
    expect(mayBeNamedLineManager(f, 'sponsor-1', member('m', 'A', { roles: [] }))).toBe(false);
  });

  it('is no one for another sponsor, or once the clearance takes no naming', () => {
    expect(mayBeNamedLineManager(facts(), 'sponsor-2', member('manager-1', 'A'))).toBe(false);
    expect(mayBeNamedLineManager(facts({ status: 'WITHDRAWN' }), 'sponsor-1', member('manager-1', 'A'))).toBe(
      false,
    );
  });
});

describe('the sponsor’s search for a line manager', () => {
  const directory = [
    member('m-zoe', 'Zoë Ångström'),
    member('m-anna', 'Anna Angstrom', { team: 'estates' }),
    member('m-holder', 'Angus Holder'),
    member('m-officer', 'Angela Officer', { roles: ['VETTING_OFFICER'] }),
    member('m-named', 'Angharad Named'),
    member('m-other', 'Bea Other'),
  ];
  const f = facts({ holderId: 'm-holder', lineManagerId: 'm-named' });

  it('lists those who may be named and match, by name then id, with their team', () => {
    const found = lineManagerChoice(f, 'sponsor-1', directory, 'ang');
    expect(found).toEqual({
      items: [
        { lineManagerId: 'm-anna', displayName: 'Anna Angstrom', team: 'estates' },
        { lineManagerId: 'm-zoe', displayName: 'Zoë Ångström', team: null },
      ],
      capped: false,
    });
    expect(ids(lineManagerChoice(f, 'sponsor-1', directory, 'ANGSTRÖM'))).toEqual(['m-anna', 'm-zoe']);
    expect(ids(lineManagerChoice(f, 'sponsor-1', directory, 'zoe'))).toEqual(['m-zoe']);
    expect(lineManagerChoice(f, 'sponsor-1', directory, 'nobody')).toEqual({ items: [], capped: false });
  });

  it('finds no one for a term with a problem, or for another sponsor', () => {
    expect(lineManagerChoice(f, 'sponsor-1', directory, 'a')).toEqual({ items: [], capped: false });
    expect(lineManagerChoice(f, 'sponsor-1', directory, '  ')).toEqual({ items: [], capped: false });
    expect(lineManagerChoice(f, 'sponsor-2', directory, 'ang')).toEqual({ items: [], capped: false });
  });

  it('answers at most the maximum, saying when more matched', () => {
    const many = (n: number) =>
      Array.from({ length: n }, (_, i) => member(`m-${String(i).padStart(2, '0')}`, `Sam Smith`));
    const exactly = lineManagerChoice(f, 'sponsor-1', many(LINE_MANAGER_SEARCH_MAX_RESULTS), 'smith');
    expect([exactly.items.length, exactly.capped]).toEqual([LINE_MANAGER_SEARCH_MAX_RESULTS, false]);
    const more = lineManagerChoice(f, 'sponsor-1', many(LINE_MANAGER_SEARCH_MAX_RESULTS + 1), 'smith');
    expect([more.items.length, more.capped]).toEqual([LINE_MANAGER_SEARCH_MAX_RESULTS, true]);
    // The same ten every time: same names are ordered by id.
    expect(ids(more)[0]).toBe('m-00');
    expect(ids(more)).not.toContain('m-10');
  });
});
