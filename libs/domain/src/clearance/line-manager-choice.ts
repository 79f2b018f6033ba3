import type { Role } from '../roles';
import type { ClearanceFacts } from './clearance-rules';
import { checkClearanceCommand } from './clearance-rules';

/** Fewest letters or digits a search term needs: one letter would list half the directory. */
export const LINE_MANAGER_SEARCH_MIN_LENGTH = 2;
/** Longest search term taken (no name in the directory is longer). */
export const LINE_MANAGER_SEARCH_MAX_LENGTH = 100;
/** Most people one search answers: enough to pick from, too few to page through the directory with. */
export const LINE_MANAGER_SEARCH_MAX_RESULTS = 10;

/** A member of the staff directory, as much of them as the choice needs. */
export interface LineManagerDirectoryEntry {
  userId: string;
  displayName: string;
  roles: readonly Role[];
  team: string | null;
}

/** Who a search found: their id (what naming takes), name and team. */
export interface LineManagerCandidate {
  lineManagerId: string;
  displayName: string;
  team: string | null;
}

/** A search's answer: at most LINE_MANAGER_SEARCH_MAX_RESULTS, and whether more matched (the term is too broad). */
export interface LineManagerSearchResult {
  items: LineManagerCandidate[];
  capped: boolean;
}

export type LineManagerSearchTermProblem = 'EMPTY' | 'TOO_SHORT' | 'TOO_LONG';

// Latin letters that Unicode does not decompose into a base letter and a mark, so stripping marks leaves them be.
const LATIN_SPECIALS: Readonly<Record<string, string>> = {
  ß: 'ss',
  ẞ: 'ss',
  æ: 'ae',
  Æ: 'ae',
  œ: 'oe',
  Œ: 'oe',
  ø: 'o',
  Ø: 'o',
  đ: 'd',
  Đ: 'd',
  ð: 'd',
  Ð: 'd',
  ł: 'l',
  Ł: 'l',
  þ: 'th',
  Þ: 'th',
  ı: 'i',
  ħ: 'h',
  Ħ: 'h',
  ŧ: 't',
  Ŧ: 't',
};
const SPECIALS = new RegExp(`[${Object.keys(LATIN_SPECIALS).join('')}]`, 'gu');
// Marks only on a Latin base letter: й is not и in Russian, nor ή η in Greek.
const LATIN_MARKS = /(\p{Script=Latin})\p{M}+/gu;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/gu;
const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]+/gu;

/**
 * A name or a search term folded for comparison: case-insensitive, and accent-insensitive for Latin letters
 * (é → e, Å → a; ß → ss, æ → ae, ø → o, ł → l, þ → th and the like, which have no decomposition), and
 * compatibility forms are unified (ﬁ → fi, full-width letters). Other scripts are only lower-cased: Greek,
 * Cyrillic and the rest keep their accents (й stays й, ή stays ή) and are never transliterated (Ж does not match
 * "zh").
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(LATIN_MARKS, '$1')
    .normalize('NFC')
    .replace(SPECIALS, (c) => LATIN_SPECIALS[c] ?? c)
    .toLowerCase();
}

/** What is wrong with a search term, or null: blank, fewer than the minimum letters or digits, or too long. */
export function lineManagerSearchTermProblem(term: string): LineManagerSearchTermProblem | null {
  if (term.trim() === '') return 'EMPTY';
  if (term.length > LINE_MANAGER_SEARCH_MAX_LENGTH) return 'TOO_LONG';
  if ((foldForSearch(term).match(LETTER_OR_DIGIT) ?? []).length < LINE_MANAGER_SEARCH_MIN_LENGTH)
    return 'TOO_SHORT';
  return null;
}

/**
 * The words of a folded term, punctuation dropped ("O'Brien" → "obrien"), and of a folded name: each word
 * whole without punctuation, and each part between punctuation ("Ashby-Lowe" → "ashbylowe", "ashby", "lowe").
 */
function termWords(term: string): string[] {
  return foldForSearch(term)
    .split(/\s+/u)
    .map((w) => w.replace(NOT_LETTER_OR_DIGIT, ''))
    .filter((w) => w !== '');
}
function nameWords(name: string): string[] {
  return foldForSearch(name)
    .split(/\s+/u)
    .flatMap((w) => [w.replace(NOT_LETTER_OR_DIGIT, ''), ...w.split(NOT_LETTER_OR_DIGIT)])
    .filter((w) => w !== '');
}

/** Whether every word of the term begins a word of the name ("jo ell" finds Jordan Ellis; "llis" does not). */
export function nameMatchesTerm(name: string, term: string): boolean {
  const words = nameWords(name);
  const wanted = termWords(term);
  return wanted.length > 0 && wanted.every((w) => words.some((n) => n.startsWith(w)));
}

/**
 * Whether the clearance's sponsor may name this member of staff its line manager, by the rule naming applies: the
 * staff directory has them as a line manager, and the clearance rules take the naming now (never the holder or the
 * sponsor, not the one named already, only while the clearance takes a naming at all).
 */
export function mayBeNamedLineManager(
  facts: ClearanceFacts,
  sponsorId: string,
  member: LineManagerDirectoryEntry,
): boolean {
  return (
    member.roles.includes('LINE_MANAGER') &&
    checkClearanceCommand(facts, {
      type: 'NAME_LINE_MANAGER',
      actor: { subject: sponsorId, as: 'SPONSOR' },
      lineManagerId: member.userId,
    }).ok
  );
}

/**
 * The people a clearance's sponsor finds by name to name as its line manager: those of `directory` they may name
 * (mayBeNamedLineManager) whose name matches the term (nameMatchesTerm), by name then id, at most
 * LINE_MANAGER_SEARCH_MAX_RESULTS of them, `capped` when more matched. A term with a problem
 * (lineManagerSearchTermProblem) finds no one.
 */
export function lineManagerChoice(
  facts: ClearanceFacts,
  sponsorId: string,
  directory: readonly LineManagerDirectoryEntry[],
  term: string,
): LineManagerSearchResult {
  if (lineManagerSearchTermProblem(term)) return { items: [], capped: false };
  const found = directory
    .filter((m) => nameMatchesTerm(m.displayName, term) && mayBeNamedLineManager(facts, sponsorId, m))
    .map((m) => ({ key: foldForSearch(m.displayName), m }))
    .sort((a, b) => compare(a.key, b.key) || compare(a.m.userId, b.m.userId));
  return {
    items: found
      .slice(0, LINE_MANAGER_SEARCH_MAX_RESULTS)
      .map(({ m }) => ({ lineManagerId: m.userId, displayName: m.displayName, team: m.team })),
    capped: found.length > LINE_MANAGER_SEARCH_MAX_RESULTS,
  };
}

// Code-point order, not the locale's: the same on every machine.
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
