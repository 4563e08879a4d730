import type { OrganisationKind } from './accounts/organisation-kinds.js';
// Who is asking. A key holder acts for one organisation in one role; the operator (CLI `admin`, demo seeding)
// acts as `system` with every right. A public reader is `null`.

export interface KeyActor {
  kind: 'key';
  keyId: string;
  organisationId: string;
  organisationName: string;
  role: OrganisationKind;
}

/** A person signed in to the web pages: acts for their organisation in its role, like a key holder. */
export interface UserActor {
  kind: 'user';
  userId: string;
  organisationId: string;
  organisationName: string;
  role: OrganisationKind;
}

export interface SystemActor {
  kind: 'system';
  /** What the operator ran, for the audit trail: "cli admin", "demo seed". */
  via: string;
}

export type Actor = KeyActor | UserActor | SystemActor;
export type Viewer = Actor | null;

export const systemActor = (via: string): SystemActor => ({ kind: 'system', via });

/** True when the viewer may see the organisation's drafts and other non-public material. */
export function seesPrivateOf(viewer: Viewer, organisationId: string): boolean {
  if (viewer === null) return false;
  if (viewer.kind === 'system') return true;
  return viewer.role === 'regulator' || viewer.organisationId === organisationId;
}

/** True when the actor may change things owned by the organisation (its products and declarations). */
export function mayWriteFor(actor: Actor, organisationId: string): boolean {
  return actor.kind === 'system' || (actor.role === 'manufacturer' && actor.organisationId === organisationId);
}
