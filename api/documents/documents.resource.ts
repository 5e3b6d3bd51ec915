import type { ClaimStatus, DocumentAction, DocumentStatus } from '../../domain/constants.ts';
import type { Principal } from '../auth/principal.ts';
import { writerId, writerOf } from '../auth/writer.ts';
import { collectsDocuments, isBeforeFiling } from '../claims/lifecycle.ts';
import type { FileRow } from '../db/database.ts';
import type { RequirementRow } from './documents.repository.ts';
import type { DocumentFile, DocumentRequirement } from './documents.schema.ts';
import { helpOf, labelOf } from './kind-texts.ts';

// What each caller may do with a claim's documents, decided in one place: the answers show it
// (`actions`, `removable`, `canRequest`) and the commands refuse what it does not allow.

/** Document statuses that take no more files. */
export const CLOSED_DOCUMENT: ReadonlySet<DocumentStatus> = new Set(['accepted', 'waived']);

const isHandler = (caller: Principal) => caller.kind === 'user' && caller.role === 'handler';
/** Who adds files: a person (who sees the documents, so has claims access), the operator's key, a company key with claims:write. */
const contributes = (caller: Principal) => caller.kind !== 'companyKey' || caller.scopes.has('claims:write');

export function canUpload(caller: Principal, claimStatus: ClaimStatus, status: DocumentStatus): boolean {
  return contributes(caller) && collectsDocuments(claimStatus) && !CLOSED_DOCUMENT.has(status);
}

export function canReview(caller: Principal, claimStatus: ClaimStatus, status: DocumentStatus): boolean {
  return isHandler(caller) && collectsDocuments(claimStatus) && status === 'uploaded';
}

export function canWaive(caller: Principal, claimStatus: ClaimStatus, requirement: { required: number; status: DocumentStatus }): boolean {
  return isHandler(caller) && isBeforeFiling(claimStatus) && requirement.required === 0 && (requirement.status === 'missing' || requirement.status === 'rejected');
}

export function canRequest(caller: Principal, claimStatus: ClaimStatus): boolean {
  return isHandler(caller) && isBeforeFiling(claimStatus);
}

/** Whether `caller` uploaded the file: the same user, the same company key, or the operator's key. */
export function isUploader(caller: Principal, file: Pick<FileRow, 'uploaded_by_id' | 'uploaded_by_key_id' | 'uploaded_by_kind'>): boolean {
  const writer = writerOf(caller);
  const sameIds = file.uploaded_by_id === writer.userId && file.uploaded_by_key_id === writer.keyId;
  // The operator's key is named by no id: its files are the service's that name neither.
  return sameIds && (caller.kind !== 'service' || file.uploaded_by_kind === 'service');
}

export function canRemove(caller: Principal, claimStatus: ClaimStatus, requirementStatus: DocumentStatus, file: FileRow): boolean {
  return contributes(caller) && isUploader(caller, file) && requirementStatus !== 'accepted' && collectsDocuments(claimStatus);
}

export function toDocumentFile(row: FileRow, caller: Principal, claimStatus: ClaimStatus, requirementStatus: DocumentStatus): DocumentFile {
  return {
    id: row.id,
    name: row.name,
    size: row.size,
    type: row.type,
    sha256: row.sha256,
    uploadedBy: { kind: row.uploaded_by_kind, id: writerId(row.uploaded_by_id, row.uploaded_by_key_id), name: row.uploaded_by_name },
    uploadedAt: row.uploaded_at,
    hasThumbnail: row.thumbnail_key !== null,
    removable: canRemove(caller, claimStatus, requirementStatus, row),
    rejection:
      row.rejected_at === null
        ? null
        : { reason: row.rejection_reason ?? '', by: { id: row.rejected_by_id, name: row.rejected_by_name ?? '' }, at: row.rejected_at },
  };
}

export function toRequirement(row: RequirementRow, files: readonly FileRow[], caller: Principal, claimStatus: ClaimStatus): DocumentRequirement {
  const actions: DocumentAction[] = [];
  if (canUpload(caller, claimStatus, row.status)) actions.push('upload');
  if (canReview(caller, claimStatus, row.status)) actions.push('review');
  if (canWaive(caller, claimStatus, row)) actions.push('waive');
  return {
    id: row.id,
    claimId: row.claim_id,
    kind: row.kind,
    label: labelOf(row),
    help: helpOf(row),
    photos: row.photos === 1,
    note: row.note,
    required: row.required === 1,
    status: row.status,
    reason: row.status === 'rejected' ? row.reason : null,
    files: files.filter((file) => file.requirement_id === row.id).map((file) => toDocumentFile(file, caller, claimStatus, row.status)),
    requestedBy: row.requested_by_name === null ? null : { id: row.requested_by_id, name: row.requested_by_name },
    review:
      row.reviewed_at === null || row.reviewed_by_name === null ? null : { by: { id: row.reviewed_by_id, name: row.reviewed_by_name }, at: row.reviewed_at },
    actions,
  };
}

/**
 * The checklist's progress over its required documents (waived ones aside): how many the handler
 * accepted, and how many have files waiting for the handler's review. An upload is not progress
 * until it is accepted: it may yet be rejected.
 */
export function progressOf(rows: ReadonlyArray<{ required: number; status: DocumentStatus }>) {
  const required = rows.filter((row) => row.required === 1 && row.status !== 'waived');
  return {
    required: required.length,
    accepted: required.filter((row) => row.status === 'accepted').length,
    awaitingReview: required.filter((row) => row.status === 'uploaded').length,
  };
}
