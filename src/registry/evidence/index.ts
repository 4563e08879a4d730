// Evidence: documents attached to a declaration (security.txt fetched or uploaded, password findings), their
// summaries and views. May import: the store, the pure modules (src/evidence, src/assessment), src/net
// (outbound HTTP), src/errors, the registry's top level, and products/views.ts and log/canonical-json.ts.
// Nothing here imports http, web or cli.
export { createEvidenceUseCases, type EvidenceOptions } from './evidence.js';
