// Which catalogue column (or JSON member) means what. Header names are matched case-insensitively, ignoring
// spaces, dashes, underscores and dots, so "GTIN-13", "gtin_13" and "Gtin 13" are the same column.

export type CatalogueField = 'gtin' | 'sku' | 'brand' | 'model';

const ALIASES: Record<CatalogueField, readonly string[]> = {
  gtin: ['gtin', 'gtin8', 'gtin12', 'gtin13', 'gtin14', 'ean', 'ean8', 'ean13', 'upc', 'barcode', 'gs1gtin'],
  sku: [
    'sku',
    'retailersku',
    'sellersku',
    'merchantsku',
    'itemid',
    'itemnumber',
    'articlenumber',
    'articleid',
    'productcode',
    'offerid',
  ],
  brand: ['brand', 'brandname', 'manufacturer', 'make'],
  model: ['model', 'modelnumber', 'modelno', 'modelname', 'mpn', 'manufacturerpartnumber'],
};

const BY_ALIAS = new Map<string, CatalogueField>();
for (const [field, names] of Object.entries(ALIASES) as [CatalogueField, readonly string[]][]) {
  for (const name of names) BY_ALIAS.set(name, field);
}

export function fieldForName(name: string): CatalogueField | undefined {
  return BY_ALIAS.get(name.toLowerCase().replace(/[\s_.-]+/g, ''));
}

/** Column positions for each field; the first matching column wins. */
export type ColumnMap = Partial<Record<CatalogueField, number>>;

export function mapColumns(header: readonly string[]): ColumnMap {
  const map: ColumnMap = {};
  header.forEach((name, index) => {
    const field = fieldForName(name);
    if (field !== undefined && map[field] === undefined) map[field] = index;
  });
  return map;
}

/** Why a header cannot describe a catalogue, or null when it can. */
export function headerProblem(map: ColumnMap): string | null {
  if (map.gtin !== undefined) return null;
  if (map.brand !== undefined && map.model !== undefined) return null;
  return 'the header names no GTIN column and not both brand and model columns (accepted names include gtin, ean, barcode, brand, model, sku)';
}

/** Key under which a brand + model pair is matched: trimmed, spaces collapsed, case-folded. */
export function brandModelKey(brand: string, model: string): string {
  return `${fold(brand)}\u0000${fold(model)}`;
}

function fold(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}
