// The shapes use cases return (and the API sends). Rows never leave the registry as they are: a view picks
// the public fields, so a new column is private until someone adds it here and to the response schema.
import type {
  ApiKeyRow,
  AssessmentRow,
  DeclarationRow,
  EventRow,
  AuditRow,
  OrganisationRow,
  ProductRow,
} from '../../store/index.js';
import type { Assessment } from '../engine.js';
import type { LogReference } from '../log/consistency.js';
import type { OrganisationKind } from '../accounts/organisation-kinds.js';

export interface OrganisationView {
  id: string;
  name: string;
  kind: OrganisationKind;
  createdAt: string;
}

export interface ApiKeyView {
  id: string;
  organisationId: string;
  role: OrganisationKind;
  name: string;
  prefix: string;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export interface DeclarationSummary {
  id: string;
  version: number | null;
  status: 'draft' | 'submitted';
  sha256: string;
  supportEndDate: string | null;
  createdAt: string;
}

export interface ProductView {
  id: string;
  manufacturer: { id: string; name: string };
  brand: string;
  model: string;
  name: string;
  category: string;
  gtins: string[];
  createdAt: string;
  withdrawn: { at: string; reason: string } | null;
  latestDeclaration: DeclarationSummary | null;
  /** One product's answer: the log entry it rests on (absent in lists). */
  log?: LogReference;
}

export interface DeclarationView extends DeclarationSummary {
  productId: string;
  organisationId: string;
  fromDraftId: string | null;
  document: unknown;
  assessments: Assessment[];
}

export interface EventView {
  seq: number;
  at: string;
  type: string;
  subjectId: string;
  productId: string | null;
  organisationId: string | null;
  payload: unknown;
}

export interface AuditView {
  id: number;
  at: string;
  organisationId: string | null;
  keyId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  detail: unknown;
}

export const organisationView = (row: OrganisationRow): OrganisationView => ({
  id: row.id,
  name: row.name,
  kind: row.kind,
  createdAt: row.createdAt,
});

export const apiKeyView = (row: ApiKeyRow): ApiKeyView => ({
  id: row.id,
  organisationId: row.organisationId,
  role: row.role,
  name: row.name,
  prefix: row.prefix,
  createdAt: row.createdAt,
  revokedAt: row.revokedAt,
  lastUsedAt: row.lastUsedAt,
});

export const declarationSummary = (row: DeclarationRow): DeclarationSummary => ({
  id: row.id,
  version: row.version,
  status: row.status,
  sha256: row.sha256,
  supportEndDate: row.supportEndDate,
  createdAt: row.createdAt,
});

export function productView(
  row: ProductRow,
  owner: { id: string; name: string },
  gtins: string[],
  latest: DeclarationRow | undefined,
): ProductView {
  return {
    id: row.id,
    manufacturer: owner,
    brand: row.brand,
    model: row.model,
    name: row.name,
    category: row.category,
    gtins,
    createdAt: row.createdAt,
    withdrawn: row.withdrawnAt === null ? null : { at: row.withdrawnAt, reason: row.withdrawalReason ?? '' },
    latestDeclaration: latest ? declarationSummary(latest) : null,
  };
}

/** `assessments` are stored rows, or the results themselves when the caller has just made them (not re-parsed). */
export function declarationView(
  row: DeclarationRow,
  assessments: readonly Pick<AssessmentRow, 'result'>[] | readonly Assessment[],
): DeclarationView {
  return {
    ...declarationSummary(row),
    productId: row.productId,
    organisationId: row.organisationId,
    fromDraftId: row.fromDraftId,
    document: JSON.parse(row.document) as unknown,
    assessments: assessments.map((a) => ('result' in a ? (JSON.parse(a.result) as Assessment) : a)),
  };
}

/**
 * declarationView's answer as the JSON text the API sends, put together from texts the registry already
 * holds: the declaration's canonical document and each assessment result as stored. A submission answers
 * with it, so 36 KB of results are neither parsed back nor serialised again. The fields and their order are
 * declarationView's (the test in test/http/declaration-answer-text.test.ts holds the two together).
 */
export function declarationText(row: DeclarationRow, assessments: readonly Pick<AssessmentRow, 'result'>[]): string {
  const head = JSON.stringify({
    ...declarationSummary(row),
    productId: row.productId,
    organisationId: row.organisationId,
    fromDraftId: row.fromDraftId,
  });
  const results = assessments.map((a) => a.result).join(',');
  return `${head.slice(0, -1)},"document":${row.document},"assessments":[${results}]}`;
}

export const eventView = (row: EventRow): EventView => ({ ...row, payload: JSON.parse(row.payload) as unknown });
export const auditView = (row: AuditRow): AuditView => ({ ...row, detail: JSON.parse(row.detail) as unknown });
