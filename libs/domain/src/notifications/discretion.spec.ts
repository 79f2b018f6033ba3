import { ALL_STAGES } from '../stage-model';
import { discretionViolations } from './discretion';

describe('discretionViolations', () => {
  it('passes a plain "there is an update" message', () => {
    expect(discretionViolations('There is an update for you. Please sign in to read it.')).toEqual([]);
  });

  it.each([
    ['the agency', 'A note from MI5 recruitment', 'MI5'],
    ['the agency by its full name', 'The security service wants to talk', 'Security Service'],
    ['the clearance level', 'Your Developed Vetting application', 'Developed Vetting'],
    ['the clearance abbreviation', 'DV update', 'DV'],
    ['the clearance abbreviation inside an identifier', 'team dv-team-1', 'DV'],
    ['vetting in any case', 'VETTING news', 'vetting'],
    ['clearance', 'about your clearance', 'clearance'],
    ['an outcome', 'Your application was refused', 'refused'],
    ['another outcome', 'it has been GRANTED', 'granted'],
    ['withdrawal', 'your case is withdrawn', 'withdrawn'],
    ['lapse', 'the case lapsed', 'lapsed'],
    ['a stage written as an identifier', 'now in RECORD_CHECKS', 'record checks'],
    ['a stage written as words', 'the residency exception review is open', 'residency exception review'],
    ['a plural', 'two clearances', 'clearance'],
    ['a phrase split over lines', 'Security\nService', 'Security Service'],
    ['a hostname', 'https://vetting.example.org/sign-in', 'vetting'],
  ])('catches %s', (_label, text, term) => {
    expect(discretionViolations(text)).toContain(term);
  });

  it('is not fooled by full-width letters or invisible characters', () => {
    expect(discretionViolations('ＭＩ５')).toContain('MI5');
    expect(discretionViolations('vet\u200Bting')).toContain('vetting');
    expect(discretionViolations('D\u00ADV')).toContain('DV');
  });

  it('does not flag words that merely contain a denylisted one', () => {
    expect(discretionViolations('advice on scheduling, veterinary and scenic travel')).toEqual([]);
  });

  it('covers every stage of the stage model', () => {
    for (const stage of ALL_STAGES)
      expect({ stage, found: discretionViolations(stage).length > 0 }).toEqual({ stage, found: true });
  });

  it('reports each term once even when it appears many times', () => {
    expect(discretionViolations('DV, DV and DV')).toEqual(['DV']);
  });
});
