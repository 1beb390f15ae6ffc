import type { PDFFont } from 'pdf-lib';

/** Control characters (newlines, tabs) would break a PDF text line: make them spaces. */
export function clean(text: string): string {
  return text.replace(/[\p{Cc}\u2028\u2029]+/gu, ' ').trim();
}

const charsets = new WeakMap<PDFFont, Set<number>>();

/**
 * Replaces characters the font has no glyph for with "?": PDF/A forbids showing .notdef, and a
 * reader would see an empty box anyway. DejaVu Sans covers Latin, Greek and Cyrillic.
 */
export function printable(text: string, font: PDFFont): string {
  let charset = charsets.get(font);
  if (!charset) charsets.set(font, (charset = new Set(font.getCharacterSet())));
  const known = charset;
  return Array.from(text, (c) => (known.has(c.codePointAt(0) ?? 0) ? c : '?')).join('');
}

// fontkit shapes every string it measures (GSUB/GPOS), which is most of a render's time: measure
// each word once per font and size, and a line as its words plus spaces.
const widths = new WeakMap<PDFFont, Map<string, number>>();

function widthOf(text: string, font: PDFFont, size: number): number {
  let cache = widths.get(font);
  if (!cache) widths.set(font, (cache = new Map()));
  const key = `${size}\u0000${text}`;
  let width = cache.get(key);
  if (width === undefined) {
    width = font.widthOfTextAtSize(text, size);
    cache.set(key, width);
  }
  return width;
}

/**
 * Breaks text into lines no wider than `maxWidth`, at spaces; a word wider than a line (a long
 * URL) is cut where it must be.
 */
export function wrap(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const space = widthOf(' ', font, size);
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0;
  for (const word of printable(clean(text), font).split(/ +/)) {
    const wordWidth = widthOf(word, font, size);
    if (line && lineWidth + space + wordWidth <= maxWidth) {
      line += ` ${word}`;
      lineWidth += space + wordWidth;
      continue;
    }
    if (line) lines.push(line);
    let rest = word;
    while (rest.length > 1 && font.widthOfTextAtSize(rest, size) > maxWidth) {
      let cut = rest.length - 1;
      while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > maxWidth) cut--;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    line = rest;
    lineWidth = widthOf(rest, font, size);
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}
