import { NACE_REV2_CLASSES, NACE_REV2_SECTIONS } from './nace-rev2.data';

/** Every NACE Rev. 2 code at every level: section `C`, division `27`, group `27.2`, class `27.20`. */
export const NACE_CODES: ReadonlySet<string> = (() => {
  const codes = new Set<string>(Object.keys(NACE_REV2_SECTIONS));
  for (const line of NACE_REV2_CLASSES.trim().split('\n')) {
    const [division, ...classes] = line.trim().split(/\s+/);
    codes.add(division);
    for (const c of classes) {
      codes.add(`${division}.${c[0]}`);
      codes.add(`${division}.${c}`);
    }
  }
  return codes;
})();

/** The section a NACE code falls under (`27.20` → `C`), or undefined for a code not in the list. */
export function naceSection(code: string): string | undefined {
  if (!NACE_CODES.has(code)) return undefined;
  if (NACE_REV2_SECTIONS[code]) return code;
  const division = Number(code.slice(0, 2));
  return Object.entries(NACE_REV2_SECTIONS).find(
    ([, [from, to]]) => division >= from && division <= to,
  )?.[0];
}

export function isNaceCode(value: unknown): value is string {
  return typeof value === 'string' && NACE_CODES.has(value);
}
