import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** A Kysely instance or a transaction: repositories work on either. */
export type Executor = Kysely<Database>;
