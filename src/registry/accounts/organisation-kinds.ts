// The kinds of organisation (each one a role): the one home of the list. A leaf with no imports, so the
// store's schema can name it without importing the registry's use cases.

export const ORGANISATION_KINDS = ['manufacturer', 'retailer', 'regulator', 'admin'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];
