// Labels: issuing them (labels.ts), their status and status lists (status.ts), faces, statements and
// verification (render.ts), and the label-signing keys with where their private halves live.
// May import: the store, the pure modules (src/labels, gs1), src/errors, the registry's top level, and from
// other rooms products/declarations.ts and retail/sellability.ts (render). Nothing here imports http, web or cli.
export { createLabelUseCases, type LabelUseCases } from './labels.js';
export { createLabelStatus, type LabelStatusUseCases } from './status.js';
export { createLabelRendering } from './render.js';
export { createLabelKeys, type LabelKeys } from './signing-keys.js';
export { memoryKeySource, labelKeySourceFor, type LabelKeySource } from './signing-keys-source.js';
export { normalisePublicUrl } from './view.js';
