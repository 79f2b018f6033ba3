/**
 * Countries and territories by ISO 3166-1 alpha-2 code, named in British English, for country pickers. The
 * names come from the runtime's CLDR data (Intl.DisplayNames), so there is no list to keep up to date; codes that
 * are not places someone can live or hold a nationality of (groupings, withdrawn and private-use codes, and
 * "exceptionally reserved" ones such as UK, which the API refuses in favour of GB) are left out.
 */
const NOT_COUNTRIES = new Set([
  // Groupings and private use.
  'EU', 'EZ', 'UN', 'QO', 'XA', 'XB', 'ZZ',
  // Withdrawn or transitional codes that CLDR still names.
  'AN', 'BU', 'CS', 'DD', 'DY', 'FX', 'HV', 'NH', 'RH', 'SU', 'TP', 'UK', 'VD', 'YD', 'YU', 'ZR',
  // Exceptionally reserved (not ISO 3166-1 countries).
  'AC', 'CP', 'CQ', 'DG', 'EA', 'IC', 'TA',
]); // prettier-ignore

export interface Country {
  code: string;
  name: string;
}

function allCountries(): Country[] {
  const names = new Intl.DisplayNames(['en-GB'], { type: 'region', fallback: 'none' });
  const countries: Country[] = [];
  for (let first = 65; first <= 90; first += 1) {
    for (let second = 65; second <= 90; second += 1) {
      const code = String.fromCharCode(first, second);
      const name = names.of(code);
      if (name && name !== code && !NOT_COUNTRIES.has(code)) countries.push({ code, name });
    }
  }
  return countries.sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
}

/** Every country, by name. */
export const COUNTRIES: readonly Country[] = Object.freeze(allCountries());

const BY_CODE = new Map(COUNTRIES.map((c) => [c.code, c.name]));

/** A country's name from its code; the code itself when it is not one we know. */
export function countryName(code: string): string {
  return BY_CODE.get(code) ?? code;
}

/** Whether a code is a country on the list. */
export function isCountryCode(code: string): boolean {
  return BY_CODE.has(code);
}
