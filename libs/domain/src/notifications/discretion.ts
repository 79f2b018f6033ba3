import { ALL_STAGES } from '../stage-model';

/**
 * Words that must never appear in anything the system sends. An email may be read by a partner, a relative or
 * an employer's mail filter, so it must not reveal the agency, the clearance level, the stage or the outcome.
 * Matched case-insensitively as whole words, with spaces, hyphens, dots or underscores between the words of a
 * phrase, and with an optional plural "s".
 */
export const DISCRETION_DENYLIST: readonly string[] = [
  // The agency and its neighbours.
  'MI5',
  'MI6',
  'GCHQ',
  'Security Service',
  'Secret Intelligence Service',
  'Thames House',
  'Box 500',
  'intelligence',
  'national security',
  'security',
  'counter terrorism',
  'UKSV',
  // The clearance and its levels.
  'Developed Vetting',
  'DV',
  'SC',
  'CTC',
  'BPSS',
  'vetting',
  'vetted',
  'vet',
  'clearance',
  'security clearance',
  // Outcomes and the words around them.
  'granted',
  'refused',
  'refusal',
  'withdrawn',
  'withdrawal',
  'lapsed',
  'ineligible',
  'eligible',
  'eligibility',
  'rejected',
  'approved',
  'outcome',
  'decision',
  'appeal',
  // Steps of a case that the stage names do not already spell.
  'screening',
  'residency',
  'questionnaire',
  'record checks',
  'investigation',
  'interview',
  'referee',
  'recommendation',
  'adjudicator',
  'aftercare',
  // Every stage, so a new stage is covered without anyone remembering to add it here.
  ...ALL_STAGES.map((stage) => stage.toLowerCase().split('_').join(' ')),
].filter((term, index, all) => all.findIndex((t) => t.toLowerCase() === term.toLowerCase()) === index);

// Characters a renderer would not show but that would split a word past a naive matcher.
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;

const MATCHERS: readonly { term: string; pattern: RegExp }[] = DISCRETION_DENYLIST.map((term) => ({
  term,
  pattern: new RegExp(
    `(?<![\\p{L}\\p{N}])${term
      .split(' ')
      .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('[\\s._-]+')}(?:e?s)?(?![\\p{L}\\p{N}])`,
    'iu',
  ),
}));

/**
 * The denylisted terms found in `text` (empty when it is discreet), in denylist order. NFKC-normalised first,
 * so full-width letters, ligatures and invisible separators do not hide a word.
 */
export function discretionViolations(text: string): string[] {
  const normalised = text.normalize('NFKC').replace(INVISIBLE, '');
  return MATCHERS.filter(({ pattern }) => pattern.test(normalised)).map(({ term }) => term);
}
