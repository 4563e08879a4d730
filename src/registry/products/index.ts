// Products and their declarations (drafts, submitted versions with assessments, many at once from NDJSON),
// and the views every room returns. May import: the store, the pure modules (gs1, regimes through the engine,
// catalogue's text decoding), src/errors, the registry's top level, and log/canonical-json.ts. Nothing here
// imports http, web or cli.
export { createProductUseCases, type NewProduct } from './products.js';
export { createDeclarationUseCases } from './declarations.js';
export { auditView, eventView } from './views.js';
export { createBulkDeclarations, type BulkDeclarations, type BulkLine, type BulkOptions } from './bulk-declarations.js';
