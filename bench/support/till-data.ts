// Products of the till benchmark: product i has GTIN gtinOf(i) and model "TILL-<i>", declared from the good
// camera example. GTINs from UNKNOWN_BASE up are valid but never registered.
import { readFileSync } from 'node:fs';
import { gs1CheckDigit } from '../../src/gs1/gtin.js';

export const UNKNOWN_BASE = 900_000_000;

export function gtinOf(n: number): string {
  const body = `0506${String(n).padStart(9, '0')}`;
  return `${body}${gs1CheckDigit(body)}`;
}

const template = JSON.parse(
  readFileSync(new URL('../../examples/declarations/good-camera.json', import.meta.url), 'utf8'),
) as { product: Record<string, unknown>; supportPeriod?: Record<string, unknown> };

/** Product i's declaration; `variant` changes its firmware version so a resubmission is a new version. */
export function benchDeclaration(i: number, variant = 0): unknown {
  return {
    ...template,
    product: {
      ...template.product,
      brand: 'Tillbench',
      model: `TILL-${i}`,
      name: `Tillbench camera ${i}`,
      gtins: [gtinOf(i)],
      firmwareVersion: `2.4.${variant}`,
    },
  };
}
