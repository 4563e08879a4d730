// What every registry use case is built over: one object, so a factory is `createX(deps)` or
// `createX(deps, { ...its own collaborators and settings })` instead of a row of positional arguments.
import type { Store } from '../store/index.js';
import type { AssessmentEngine } from './engine.js';
import type { Writer } from './write.js';

export interface RegistryDeps {
  readonly store: Store;
  /** The one write seam (write.ts). */
  readonly writer: Writer;
  readonly engine: AssessmentEngine;
  /** The clock; tests pass a fixed one. */
  readonly clock: () => Date;
  /** The registry's public base URL, normalised (no trailing slash): label issuer, status list URIs, links. */
  readonly publicUrl: string;
}
