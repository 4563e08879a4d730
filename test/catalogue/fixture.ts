// A small registry and a catalogue with every kind of row a retailer's file can hold, good and bad.
import type { SellabilityFacts } from '../../src/catalogue/types.js';

export const AT = '2026-11-24';

const psti = (
  sellable: boolean,
  outcome: 'pass' | 'fail' | 'out-of-scope',
  supportEndDate: string | null,
  reasons: string[] = [],
) => ({ outcome, sellable, supportEndDate, reasons });

export const PRODUCTS: SellabilityFacts[] = [
  {
    productId: 'p1',
    gtins: ['05012345678900'],
    brand: 'Acme',
    model: 'CAM-200',
    regimes: { 'uk-psti-2023': psti(true, 'pass', '2030-12-31'), 'uk-2019-option-a': psti(true, 'pass', '2030-12-31') },
    label: { id: 'L1', status: 'valid', regime: 'uk-2019-option-a', shield: 'tick' },
  },
  {
    productId: 'p2',
    gtins: ['12345678901231'],
    brand: 'Acme',
    model: 'PLUG-1',
    regimes: {
      'uk-psti-2023': psti(false, 'fail', null, ['Uses a universal default password']),
      'uk-2019-option-a': psti(false, 'fail', null, ['No support period is declared']),
    },
    label: null,
  },
  {
    productId: 'p3',
    gtins: ['01234567890128'],
    brand: 'Bolt',
    model: 'LOCK-9',
    regimes: { 'uk-psti-2023': psti(true, 'pass', '2024-06-30'), 'uk-2019-option-a': psti(true, 'pass', '2024-06-30') },
    label: { id: 'L3', status: 'revoked', regime: 'uk-2019-option-a', shield: 'tick' },
  },
  {
    productId: 'p4',
    gtins: ['00000002345673'],
    brand: 'Bolt',
    model: 'Hub 3',
    regimes: { 'uk-psti-2023': psti(true, 'pass', '2029-01-31'), 'uk-2019-option-a': psti(true, 'pass', '2029-01-31') },
    label: { id: 'L4', status: 'valid', regime: 'uk-2019-option-a', shield: 'cross' },
  },
  {
    productId: 'p5',
    gtins: ['00416000336108'],
    brand: 'Cove',
    model: 'TV-1',
    regimes: { 'uk-psti-2023': psti(true, 'out-of-scope', null) },
    label: { id: 'L5', status: 'suspended', regime: 'uk-2019-option-a', shield: 'tick' },
  },
];

const LONG = 'x'.repeat(300);

/** The catalogue as CSV bytes. Line 9 carries a byte (0xFF) that is not UTF-8. */
export function catalogueCsv(): Uint8Array {
  const before = [
    'SKU,EAN,Brand,Model Number,Description', // 1
    'S1,5012345678900,Acme,CAM-200,camera', // 2 sellable (GTIN-13 padded to 14)
    'S2,12345678901231,,,plug', // 3 fails the assessment
    'S3,1234567890128,,,lock', // 4 passes; support ended; label revoked
    'S4,, bolt ,HUB  3,hub', // 5 found by brand + model (case and spaces folded)
    'S5,416000336108,,,tv', // 6 out of scope; label suspended
    'S6,05012345678901,,,bad check digit', // 7 gtin-invalid
    'S7,,,Only model,no brand', // 8 columns-missing
    'S8,5012345678900,Acme,CAM-', // 9 continues with a bad byte
  ].join('\r\n');
  const after = [
    ',x', // (still line 9)
    'S1,12345678901231,,,again', // 10 sku-duplicate
    'S9,"bad"x,,,', // 11 csv-malformed
    'S10,09999999999994,,,unknown', // 12 unknown-product
    `S11,05012345678900,Acme,${LONG},`, // 13 too-large (a 300-character model)
    '', // 14 blank: skipped
    'S12,"0000000234567', // 15 a quoted value spanning two lines...
    '3",,,"two-line gtin"', // ...is one record; a GTIN with a newline is invalid
    'S13,00000002345673,,,last', // 17 sellable, no trailing newline
  ].join('\n');
  const encoder = new TextEncoder();
  return new Uint8Array([...encoder.encode(before), 0xff, ...encoder.encode(after)]);
}

export interface ExpectedRow {
  line: number;
  sku: string | null;
  sellable: boolean;
  outcome: string;
  problem: string | null;
  labelId: string | null;
  labelStatus: string | null;
  supportEndDate: string | null;
}

const row = (
  line: number,
  sku: string | null,
  sellable: boolean,
  outcome: string,
  problem: string | null = null,
  labelId: string | null = null,
  labelStatus: string | null = null,
  supportEndDate: string | null = null,
): ExpectedRow => ({ line, sku, sellable, outcome, problem, labelId, labelStatus, supportEndDate });

export const EXPECTED_PSTI: ExpectedRow[] = [
  row(2, 'S1', true, 'pass', null, 'L1', 'valid', '2030-12-31'),
  row(3, 'S2', false, 'fail'),
  row(4, 'S3', true, 'pass', null, 'L3', 'revoked', '2024-06-30'),
  row(5, 'S4', true, 'pass', null, 'L4', 'valid', '2029-01-31'),
  row(6, 'S5', true, 'out-of-scope', null, 'L5', 'suspended'),
  row(7, 'S6', false, 'unreadable', 'gtin-invalid'),
  row(8, 'S7', false, 'unreadable', 'columns-missing'),
  row(9, 'S8', false, 'unreadable', 'encoding-invalid'),
  row(10, 'S1', false, 'unreadable', 'sku-duplicate'),
  row(11, null, false, 'unreadable', 'csv-malformed'),
  row(12, 'S10', false, 'unknown-product'),
  row(13, 'S11', false, 'unreadable', 'too-large'),
  row(15, 'S12', false, 'unreadable', 'gtin-invalid'),
  row(17, 'S13', true, 'pass', null, 'L4', 'valid', '2029-01-31'),
];

export const EXPECTED_PSTI_SUMMARY = {
  regime: 'uk-psti-2023',
  at: AT,
  rows: 14,
  sellable: 5,
  notSellable: 1,
  unknownProduct: 1,
  unreadable: 7,
  unreadableByKind: {
    'gtin-invalid': 2,
    'columns-missing': 1,
    'encoding-invalid': 1,
    'sku-duplicate': 1,
    'json-malformed': 0,
    'csv-malformed': 1,
    'too-large': 1,
  },
};

/** Option A sells only labelled products: revoked and suspended labels stop a sale; p5 was never assessed. */
export const EXPECTED_OPTION_A_OUTCOMES: Record<number, [boolean, string]> = {
  2: [true, 'pass'],
  3: [false, 'no-label'],
  4: [false, 'label-revoked'],
  5: [true, 'pass'],
  6: [false, 'not-assessed'],
  12: [false, 'unknown-product'],
  17: [true, 'pass'],
};

/**
 * A CSV catalogue of `rows` products (all Acme CAM-200, SKUs S1...) whose second row, line 3, opens a quote it
 * never closes: every other line must still be checked (issue 18).
 */
export function unclosedQuoteCsv(rows: number): string {
  const lines = ['sku,gtin,brand,model'];
  for (let i = 1; i <= rows; i++) lines.push(i === 2 ? `S${i},"0501234567890,Acme,CAM-200` : `S${i},,Acme,CAM-200`);
  return `${lines.join('\n')}\n`;
}
