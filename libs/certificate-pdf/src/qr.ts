import type { PDFPage } from 'pdf-lib';
import { rgb } from 'pdf-lib';
import QRCode from 'qrcode';

/**
 * Draws a QR code as vector squares (no image, so nothing to colour-manage or compress), with
 * its quiet zone of four modules left white. `size` includes the quiet zone.
 */
export function drawQrCode(page: PDFPage, text: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const count = qr.modules.size;
  const module = size / (count + 8);
  const black = rgb(0, 0, 0);
  for (let row = 0; row < count; row++) {
    // One rectangle per run of dark modules keeps the content stream small.
    let col = 0;
    while (col < count) {
      if (!qr.modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < count && qr.modules.get(row, col)) col++;
      page.drawRectangle({
        x: x + (4 + start) * module,
        y: y + size - (4 + row + 1) * module,
        width: (col - start) * module,
        height: module,
        color: black,
      });
    }
  }
}
