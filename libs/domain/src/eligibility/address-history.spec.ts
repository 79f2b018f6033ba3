import { validateAddressHistory } from './address-history';
import type { AddressPeriod } from './eligibility.types';

const asOf = '2024-06-15';

describe('validateAddressHistory', () => {
  it('accepts a well-formed history with gaps, overlaps and an open period', () => {
    const history: AddressPeriod[] = [
      { country: 'GB', from: '2010-01-01', to: '2015-12-31' },
      { country: 'FR', from: '2015-06-01', to: '2017-01-31' },
      { country: 'GB', from: '2017-03-01', to: null },
    ];
    expect(validateAddressHistory(history, asOf)).toEqual([]);
  });

  it('reports an empty history', () => {
    expect(validateAddressHistory([], asOf)).toEqual([
      'address history is empty: at least one address period is needed',
    ]);
  });

  it('reports a period whose from is after its to', () => {
    expect(validateAddressHistory([{ country: 'GB', from: '2021-01-01', to: '2020-01-01' }], asOf)).toEqual([
      'address 1: from 2021-01-01 is after to 2020-01-01',
    ]);
  });

  it('accepts a one-day period and a period starting on the application date', () => {
    const history: AddressPeriod[] = [
      { country: 'GB', from: '2020-01-01', to: '2020-01-01' },
      { country: 'GB', from: asOf, to: null },
    ];
    expect(validateAddressHistory(history, asOf)).toEqual([]);
  });

  it('reports dates that are not real YYYY-MM-DD dates', () => {
    const problems = validateAddressHistory([{ country: 'GB', from: '2023-02-29', to: 'last year' }], asOf);
    expect(problems).toEqual([
      'address 1: from "2023-02-29" is not a real date written YYYY-MM-DD',
      'address 1: to "last year" is not a real date written YYYY-MM-DD (or null)',
    ]);
  });

  it('reports a period starting after the application date', () => {
    expect(validateAddressHistory([{ country: 'GB', from: '2024-06-16', to: null }], asOf)).toEqual([
      'address 1: starts on 2024-06-16, after the application date 2024-06-15',
    ]);
  });

  it('accepts a period that ends after the application date (a known move-out date)', () => {
    expect(validateAddressHistory([{ country: 'GB', from: '2010-01-01', to: '2025-01-01' }], asOf)).toEqual(
      [],
    );
  });

  it('reports a country that is not an upper-case ISO 3166-1 alpha-2 code', () => {
    expect(validateAddressHistory([{ country: 'gb', from: '2010-01-01', to: null }], asOf)).toEqual([
      'address 1: country "gb" must be an ISO 3166-1 alpha-2 code like GB',
    ]);
  });

  it('explains that the UK is GB, not UK', () => {
    expect(validateAddressHistory([{ country: 'UK', from: '2010-01-01', to: null }], asOf)).toEqual([
      'address 1: country "UK" is not an ISO 3166-1 code; the UK is "GB"',
    ]);
  });

  it('reports every problem, numbered by address', () => {
    const history: AddressPeriod[] = [
      { country: 'GB', from: '2010-01-01', to: '2012-01-01' },
      { country: 'GB', from: '2013-01-01', to: '2012-06-01' },
      { country: 'FR', from: '2030-01-01', to: null },
    ];
    expect(validateAddressHistory(history, asOf)).toEqual([
      'address 2: from 2013-01-01 is after to 2012-06-01',
      'address 3: starts on 2030-01-01, after the application date 2024-06-15',
    ]);
  });

  it('reports an invalid application date', () => {
    expect(validateAddressHistory([{ country: 'GB', from: '2010-01-01', to: null }], '2024-02-30')).toEqual([
      'application date "2024-02-30" is not a real date written YYYY-MM-DD',
    ]);
  });

  it('reports malformed data that slipped past the static types instead of throwing', () => {
    const garbage = [null, { country: 'GB', from: 20100101, to: undefined }] as unknown as AddressPeriod[];
    expect(validateAddressHistory(garbage, asOf)).toEqual([
      'address 1: not an address period',
      'address 2: from 20100101 is not a real date written YYYY-MM-DD',
      'address 2: to undefined is not a real date written YYYY-MM-DD (or null)',
    ]);
    expect(validateAddressHistory(null as unknown as AddressPeriod[], asOf)).toEqual([
      'address history must be a list of address periods',
    ]);
  });
});
