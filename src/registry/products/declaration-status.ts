// A declaration is a draft (being written on the pages) until it is submitted. A leaf with no imports, so
// the store's schema can name it without importing the registry's use cases.

export const DECLARATION_STATUSES = ['draft', 'submitted'] as const;
export type DeclarationStatus = (typeof DECLARATION_STATUSES)[number];
