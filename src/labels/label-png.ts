// PNG of the label face via resvg with the system's fonts. resvg does not walk a font-family list past a
// missing family, nor map the generic sans-serif reliably, so the family it falls back to is named here:
// DejaVu Sans (present on Debian/Ubuntu images) unless the caller names another installed family.
import { Resvg } from '@resvg/resvg-js';
import { LabelInputInvalid } from './errors.js';

/** Renders an SVG (from renderLabelSvg) to PNG bytes, `width` pixels wide (default 800). */
export function renderLabelPng(svg: string, options: { width?: number; fontFamily?: string } = {}): Buffer {
  const width = options.width ?? 800;
  if (!Number.isInteger(width) || width < 100 || width > 8000)
    throw new LabelInputInvalid('PNG width must be a whole number of pixels from 100 to 8000');
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: width },
    font: { loadSystemFonts: true, defaultFontFamily: options.fontFamily ?? 'DejaVu Sans' },
    background: '#ffffff',
  });
  return resvg.render().asPng();
}
