// A label's status as the registry records it and the status list publishes it (see status-bits.ts for
// the bits). The one home of the list: the store's column, the API's schema and the pages take it from here.

export const LABEL_STATUSES = ['valid', 'revoked', 'suspended'] as const;
export type LabelStatus = (typeof LABEL_STATUSES)[number];
