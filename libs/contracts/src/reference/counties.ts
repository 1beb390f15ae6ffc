/**
 * Norway's counties (fylker) by number, as in force from 1 January 2024 (the reform that split
 * Viken, Vestfold og Telemark and Troms og Finnmark): Statistics Norway's Standard for
 * fylkesinndeling, KLASS classification 104 (https://www.ssb.no/klass/klassifikasjoner/104).
 * The numbers are the first two digits of every municipality number in the county.
 */
export const COUNTIES: Readonly<Record<string, string>> = {
  '03': 'Oslo',
  '11': 'Rogaland',
  '15': 'Møre og Romsdal',
  '18': 'Nordland',
  '31': 'Østfold',
  '32': 'Akershus',
  '33': 'Buskerud',
  '34': 'Innlandet',
  '39': 'Vestfold',
  '40': 'Telemark',
  '42': 'Agder',
  '46': 'Vestland',
  '50': 'Trøndelag',
  '55': 'Troms',
  '56': 'Finnmark',
};

export function isCountyNumber(value: unknown): value is string {
  return typeof value === 'string' && Object.hasOwn(COUNTIES, value);
}
