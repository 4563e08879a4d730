// Migrations see an untyped database: the typed schema (../schema.ts) describes the latest version only.
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyDb = Kysely<any>;
