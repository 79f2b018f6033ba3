import type { EligibilityFlag, Nationality } from './eligibility.types';

/** The outcome of the nationality rule and the flags it raises. */
export interface NationalityCheck {
  ok: boolean;
  flags: EligibilityFlag[];
}

/**
 * Nationality rule: British by birth or naturalisation passes (naturalisation flagged NATURALISED); a British
 * citizen holding any other nationality is flagged DUAL_NATIONAL. NOT_BRITISH fails and gets no flags.
 */
export function checkNationality(nationality: Nationality): NationalityCheck {
  if (nationality.status === 'NOT_BRITISH') return { ok: false, flags: [] };
  const flags: EligibilityFlag[] = [];
  if (
    nationality.otherNationalities.some((code) => code.trim().toUpperCase() !== 'GB' && code.trim() !== '')
  ) {
    flags.push('DUAL_NATIONAL');
  }
  if (nationality.status === 'BRITISH_BY_NATURALISATION') flags.push('NATURALISED');
  return { ok: true, flags };
}
