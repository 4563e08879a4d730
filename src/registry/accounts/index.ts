// Accounts: organisations and their API keys, web users, passwords and sign-in sessions.
// May import: the store, src/errors, and the registry's top level (deps, actor, errors, write, events);
// from other rooms only products/views.ts (the shapes answers take). Nothing here imports http, web or cli.
export { createOrganisationUseCases, hashKey, type CreatedKey } from './organisations.js';
export { createUserUseCases } from './users.js';
export { createSessionUseCases, type SessionOptions } from './sessions.js';
export { hashPassword, verifyPassword, type ScryptCost } from './password.js';
