// The label's QR code as SVG path data (one path, a rectangle per run of dark modules), error correction M.
import QRCode from 'qrcode';
import type { QRCode as QrModel } from 'qrcode';
import { LabelInputInvalid } from './errors.js';

export interface QrSymbol {
  /** QR version 1-40. */
  version: number;
  /** Modules per side, without the quiet zone. */
  size: number;
  /** Path in module units, origin at the top-left module. */
  path: string;
}

export function qrSymbol(text: string): QrSymbol {
  let qr: QrModel;
  try {
    qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  } catch (error) {
    throw new LabelInputInvalid(`the label URL does not fit in a QR code: ${(error as Error).message}`);
  }
  const { size, data } = qr.modules;
  let path = '';
  for (let y = 0; y < size; y++) {
    let x = 0;
    while (x < size) {
      if (!data[y * size + x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < size && data[y * size + x]) x++;
      path += `M${start} ${y}h${x - start}v1h-${x - start}z`;
    }
  }
  return { version: qr.version, size, path };
}
