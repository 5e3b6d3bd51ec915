import type { Transaction } from 'kysely';
import { MAX_CHECKLIST_DOCUMENTS } from '../../domain/checklist.ts';
import type { ClaimStatus, ReviewDecision } from '../../domain/constants.ts';
import { companyScope, type Principal, type UserPrincipal } from '../auth/principal.ts';
import { writerOf } from '../auth/writer.ts';
import { applyMove } from '../claims/claims.commands.ts';
import { findClaim, type ClaimWithCompany } from '../claims/claims.repository.ts';
import type { Database, FileRow } from '../db/database.ts';
import { DocumentConflictError, InvalidValueError, NotFoundError, NotYoursError } from '../errors.ts';
import { actorOf, SYSTEM_ACTOR } from '../events/actor.ts';
import type { ClaimEventData } from '../events/events.schema.ts';
import { record, type Append, type WriteDeps } from '../events/record.ts';
import { nowIso } from '../ids.ts';
import { findFile, findRequirement, listFiles, listKinds, listRequirements, type RequirementRow } from './documents.repository.ts';
import { CLOSED_DOCUMENT, isUploader } from './documents.resource.ts';
import { collectsDocuments, isBeforeFiling } from '../claims/lifecycle.ts';
import type { RequestDocumentInput } from './documents.schema.ts';
import { labelOf } from './kind-texts.ts';
import { requirementRow } from './requirements.ts';
import { keysOf } from '../storage/ledger.ts';
import { deleteFiles, fileRow, insertFiles, type StoredFile } from './upload.ts';
import { rememberUpload } from './upload-idempotency.ts';

// Every change to a claim's documents: one transaction through record(), one event per change,
// then `reconcile`, which moves the claim between documentation and review when its checklist
// says so — in the same transaction, so the move and its cause commit together.

type Trx = Transaction<Database>;

/** What a document command answers: the requirement as it now stands, with its files and its claim's status. */
export interface RequirementState {
  requirement: RequirementRow;
  files: FileRow[];
  claimStatus: ClaimStatus;
}

/**
 * The claim, locked for the rest of the transaction: document changes to one claim run one after
 * another (on PostgreSQL the row lock; SQLite's writes are serialised anyway), so two uploads that
 * each complete half the checklist still see each other and move the claim once.
 */
async function lockClaim(trx: Trx, companyId: string | null, claimId: string): Promise<ClaimWithCompany> {
  let update = trx.updateTable('claims').set({ updated_at: nowIso() }).where('id', '=', claimId);
  if (companyId !== null) update = update.where('company_id', '=', companyId);
  const result = await update.executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new NotFoundError(`Claim ${claimId}`);
  return (await findClaim(trx, companyId, claimId))!;
}

async function requirementOf(trx: Trx, claim: ClaimWithCompany, requirementId: string): Promise<RequirementRow> {
  const requirement = await findRequirement(trx, claim.id, requirementId);
  if (!requirement) throw new NotFoundError(`Document ${requirementId} of claim ${claim.reference}`);
  return requirement;
}

async function stateOf(trx: Trx, claimId: string, requirementId: string): Promise<RequirementState> {
  const claim = (await findClaim(trx, null, claimId))!;
  const requirement = (await findRequirement(trx, claimId, requirementId))!;
  return { requirement, files: await listFiles(trx, [requirement.id]), claimStatus: claim.status };
}

const documentData = (requirement: RequirementRow): NonNullable<ClaimEventData['document']> => ({
  requirementId: requirement.id,
  kind: requirement.kind,
  label: labelOf(requirement),
});

const WHILE_COLLECTING = 'while the claim is collecting documents (documentation or review)';

/** Why files cannot go to this requirement now, or nothing when they can. */
export function assertUploadable(claim: Pick<ClaimWithCompany, 'status' | 'reference'>, requirement: Pick<RequirementRow, 'status' | 'label_en'>): void {
  if (!collectsDocuments(claim.status)) {
    throw new DocumentConflictError(
      claim.status === 'notified'
        ? `Claim ${claim.reference} has not been accepted yet: accept it (POST /claims/{id}/accept) before uploading its documents.`
        : `Claim ${claim.reference} is ${claim.status}; documents are uploaded ${WHILE_COLLECTING}, and this one no longer takes any.`,
      requirement.status,
      claim.status,
    );
  }
  if (CLOSED_DOCUMENT.has(requirement.status)) {
    throw new DocumentConflictError(
      `"${requirement.label_en}" is ${requirement.status === 'accepted' ? 'already accepted' : 'waived: the claim does not need it'}, so it takes no more files. ` +
        'If something changed, ask the handler to request the document again.',
      requirement.status,
      claim.status,
    );
  }
}

/**
 * Moves the claim when its checklist says so: to review once every required document (waived ones
 * aside) is uploaded or accepted, back to documentation when one of them is missing or rejected
 * again. Called after every document change, inside its transaction. Claimdesk makes the move.
 */
export async function reconcile(trx: Trx, append: Append, claim: ClaimWithCompany): Promise<ClaimWithCompany> {
  if (claim.status !== 'documentation' && claim.status !== 'review') return claim;
  const required = (await listRequirements(trx, null, claim.id)).filter((row) => row.required === 1 && row.status !== 'waived');
  const complete = required.every((row) => row.status === 'uploaded' || row.status === 'accepted');
  const lacking = required.some((row) => row.status === 'missing' || row.status === 'rejected');
  if (claim.status === 'documentation' && complete) {
    return applyMove(trx, append, claim, { to: 'review', mover: 'system', actor: SYSTEM_ACTOR });
  }
  if (claim.status === 'review' && lacking) {
    return applyMove(trx, append, claim, { to: 'documentation', mover: 'system', actor: SYSTEM_ACTOR });
  }
  return claim;
}

/** What a handler asks a claim for: a catalogue kind, what exactly (the note the customer reads), and whether review waits for it. */
export interface DocumentRequest {
  kind: string;
  note: string | null;
  required: boolean;
}

/**
 * Adds a document the handler asks for to the claim's checklist, inside the caller's change: the
 * checklist's own request (requestDocument) and the chat's (chat.commands.ts), which posts its
 * message in the same change. `field` is where the kind sits in the request's body, for the 400
 * that names it.
 */
export async function addRequirement(
  trx: Trx,
  append: Append,
  caller: UserPrincipal,
  claimId: string,
  request: DocumentRequest,
  field = 'kind',
): Promise<RequirementRow> {
  const claim = await lockClaim(trx, null, claimId);
  if (!isBeforeFiling(claim.status)) {
    throw new DocumentConflictError(
      `Claim ${claim.reference} is ${claim.status}: documents are requested before it is filed (while it is notified, in documentation or in review).`,
      null,
      claim.status,
    );
  }
  const kinds = await listKinds(trx);
  if (!kinds.some((kind) => kind.code === request.kind)) {
    throw new InvalidValueError(
      field,
      `${field} "${request.kind.slice(0, 100)}" is not in the catalogue. Use one of: ${kinds.map((kind) => kind.code).join(', ')} (other when none fits, with a note saying what is needed).`,
    );
  }
  const existing = await listRequirements(trx, null, claim.id);
  // Counted under the claim's lock, so requests racing each other cannot pass the cap together.
  if (existing.length >= MAX_CHECKLIST_DOCUMENTS) {
    throw new DocumentConflictError(
      `Claim ${claim.reference} already asks for ${existing.length} documents, the most one checklist may hold (${MAX_CHECKLIST_DOCUMENTS}, waived ones included). Ask for anything else in the claim’s chat: each document takes several files, so what is missing can be uploaded with the one it belongs to.`,
      null,
      claim.status,
    );
  }
  const spec = { kind: request.kind, required: request.required, position: Math.max(0, ...existing.map((row) => row.position)) + 10 };
  const row = requirementRow(claim, spec, nowIso(), { note: request.note, by: caller.user });
  await trx.insertInto('claim_documents').values(row).execute();
  const requirement = (await findRequirement(trx, claim.id, row.id))!;
  await append({
    type: 'document.requested',
    claimId: claim.id,
    companyId: claim.company_id,
    actor: actorOf(caller),
    data: { document: documentData(requirement), ...(request.note !== null && { note: request.note }) },
  });
  await reconcile(trx, append, claim);
  return requirement;
}

/** The handler asks one claim for a document its rules did not. */
export function requestDocument(deps: WriteDeps, caller: UserPrincipal, claimId: string, input: RequestDocumentInput): Promise<RequirementState> {
  return record(deps, async (trx, append) => {
    const requirement = await addRequirement(trx, append, caller, claimId, input);
    return stateOf(trx, requirement.claim_id, requirement.id);
  });
}

/** The handler decides the claim can do without an optional document. */
export function waiveDocument(deps: WriteDeps, caller: UserPrincipal, claimId: string, requirementId: string): Promise<RequirementState> {
  return record(deps, async (trx, append) => {
    const claim = await lockClaim(trx, null, claimId);
    const requirement = await requirementOf(trx, claim, requirementId);
    if (requirement.required === 1) {
      throw new DocumentConflictError(
        `"${requirement.label_en}" is required for this claim, and only optional documents can be waived. Review what was uploaded instead, or reject it with a reason.`,
        requirement.status,
        claim.status,
      );
    }
    if (requirement.status !== 'missing' && requirement.status !== 'rejected') {
      throw new DocumentConflictError(
        `"${requirement.label_en}" is ${requirement.status}; a document is waived while it is missing or rejected.${requirement.status === 'uploaded' ? ' Review the files uploaded instead.' : ''}`,
        requirement.status,
        claim.status,
      );
    }
    if (!isBeforeFiling(claim.status)) {
      throw new DocumentConflictError(`Claim ${claim.reference} is ${claim.status}: its checklist no longer changes.`, requirement.status, claim.status);
    }
    await trx
      .updateTable('claim_documents')
      .set({ status: 'waived', reason: null, updated_at: nowIso() })
      .where('id', '=', requirement.id)
      .execute();
    await append({ type: 'document.waived', claimId: claim.id, companyId: claim.company_id, actor: actorOf(caller), data: { document: documentData(requirement) } });
    await reconcile(trx, append, claim);
    return stateOf(trx, claim.id, requirement.id);
  });
}

/** The handler accepts the files of a document, or rejects them with a reason the customer reads. */
export function reviewDocument(
  deps: WriteDeps,
  caller: UserPrincipal,
  claimId: string,
  requirementId: string,
  review: { decision: ReviewDecision; reason?: string | undefined },
): Promise<RequirementState> {
  return record(deps, async (trx, append) => {
    const claim = await lockClaim(trx, null, claimId);
    const requirement = await requirementOf(trx, claim, requirementId);
    if (!collectsDocuments(claim.status)) {
      throw new DocumentConflictError(`Claim ${claim.reference} is ${claim.status}; documents are reviewed ${WHILE_COLLECTING}.`, requirement.status, claim.status);
    }
    if (requirement.status !== 'uploaded') {
      const why =
        requirement.status === 'missing'
          ? 'nothing has been uploaded for it yet'
          : requirement.status === 'waived'
            ? 'it was waived'
            : `it was already ${requirement.status}${requirement.status === 'rejected' ? ', and waits for new files' : ''}`;
      throw new DocumentConflictError(
        `"${requirement.label_en}" cannot be reviewed: ${why}. A document is reviewed once its files are uploaded (status uploaded).`,
        requirement.status,
        claim.status,
      );
    }
    const reason = review.decision === 'rejected' ? (review.reason ?? null) : null;
    const now = nowIso();
    await trx
      .updateTable('claim_documents')
      .set({ status: review.decision, reason, reviewed_by_id: caller.user.id, reviewed_by_name: caller.user.name, reviewed_at: now, updated_at: now })
      .where('id', '=', requirement.id)
      .execute();
    if (reason !== null) {
      // The files under review are those no earlier rejection covered; each keeps this one for good,
      // so that beside its replacement, accepted or not, it still reads as rejected.
      await trx
        .updateTable('files')
        .set({ rejected_at: now, rejection_reason: reason, rejected_by_id: caller.user.id, rejected_by_name: caller.user.name })
        .where('requirement_id', '=', requirement.id)
        .where('rejected_at', 'is', null)
        .execute();
    }
    const data: ClaimEventData = { document: documentData(requirement), decision: review.decision };
    if (reason) data.reason = reason;
    await append({ type: 'document.reviewed', claimId: claim.id, companyId: claim.company_id, actor: actorOf(caller), data });
    await reconcile(trx, append, claim);
    return stateOf(trx, claim.id, requirement.id);
  });
}

/**
 * Records files uploaded to a requirement: one document.uploaded event each, in the caller's name
 * (a person, or an integration: the operator's key or a company key). A missing or rejected
 * document becomes uploaded (the rejection's reason is cleared from the document; the log and the
 * rejected files keep it). With an `idempotencyKey`, the upload is remembered under it (a second
 * one with the key fails unique). `alongside` runs in the same transaction once the rows are in,
 * for what must commit with them or not at all (a resumable upload marked complete).
 */
export function addFiles(
  deps: WriteDeps,
  caller: Principal,
  claimId: string,
  requirementId: string,
  files: readonly StoredFile[],
  idempotencyKey?: string,
  alongside?: (trx: Trx, rows: readonly FileRow[]) => Promise<void>,
): Promise<RequirementState> {
  const uploader = writerOf(caller);
  return record(deps, async (trx, append) => {
    const claim = await lockClaim(trx, companyScope(caller), claimId);
    const requirement = await requirementOf(trx, claim, requirementId);
    assertUploadable(claim, requirement);
    const actor = actorOf(caller);
    const rows = files.map((file) => fileRow(file, claim, uploader, requirement.id));
    if (idempotencyKey) await rememberUpload(trx, uploader, idempotencyKey, { claimId: claim.id, requirementId: requirement.id }, rows.map((row) => row.id));
    for (const row of rows) {
      await insertFiles(trx, [row]);
      await append({
        type: 'document.uploaded',
        claimId: claim.id,
        companyId: claim.company_id,
        actor,
        data: { document: documentData(requirement), file: { id: row.id, name: row.name } },
      });
    }
    await alongside?.(trx, rows);
    if (requirement.status === 'missing' || requirement.status === 'rejected') {
      await trx
        .updateTable('claim_documents')
        .set({ status: 'uploaded', reason: null, reviewed_by_id: null, reviewed_by_name: null, reviewed_at: null, updated_at: nowIso() })
        .where('id', '=', requirement.id)
        .execute();
    }
    await reconcile(trx, append, claim);
    return stateOf(trx, claim.id, requirement.id);
  });
}

/**
 * Removes a file its uploader (the same person, company key or operator's key) no longer wants: a
 * document's, while the document is not accepted (an uploaded document left with nothing to
 * review goes back to missing, or to rejected when rejected files remain), or an attachment not
 * sent yet (a sent message keeps its attachments). Resolves to the storage keys to delete once the
 * change committed: they are back in the storage ledger, so a crash before then leaves them to the sweep.
 */
export function removeFile(deps: WriteDeps, caller: Principal, fileId: string): Promise<string[]> {
  const companyId = companyScope(caller);
  const viewer = writerOf(caller);
  return record(deps, async (trx, append) => {
    const seen = await findFile(trx, companyId, viewer, fileId);
    if (!seen) throw new NotFoundError(`File ${fileId}`);
    const claim = await lockClaim(trx, companyId, seen.claim_id);
    const file = (await findFile(trx, companyId, viewer, fileId))!;
    if (!isUploader(caller, file)) {
      throw new NotYoursError(
        `Only whoever uploaded "${file.name}" (${file.uploaded_by_name}) can remove it${file.uploaded_by_kind === 'service' ? ', with the same API key' : ''}. ` +
          (caller.kind === 'user' && caller.role === 'handler' ? 'Reject the document with a reason instead, and the customer uploads it again.' : 'Ask them to, or ask the handler to reject it.'),
      );
    }
    const keys = keysOf([file]);
    if (file.requirement_id === null) {
      if (file.message_id !== null) {
        throw new DocumentConflictError(`"${file.name}" was sent with a message, and messages are not edited, so it stays.`, null, claim.status);
      }
      // Never announced: nobody else knew of it.
      await deleteFiles(trx, [file]);
      return keys;
    }
    const requirement = await requirementOf(trx, claim, file.requirement_id);
    if (requirement.status === 'accepted') {
      throw new DocumentConflictError(
        file.rejected_at === null
          ? `"${requirement.label_en}" was accepted with this file, so it stays.`
          : `"${file.name}" was rejected, and "${requirement.label_en}" has since been accepted: the claim keeps both, so it stays.`,
        requirement.status,
        claim.status,
      );
    }
    if (!collectsDocuments(claim.status)) {
      throw new DocumentConflictError(`Claim ${claim.reference} is ${claim.status}; files are removed ${WHILE_COLLECTING}.`, requirement.status, claim.status);
    }
    await deleteFiles(trx, [file]);
    const left = await listFiles(trx, [requirement.id]);
    if (requirement.status === 'uploaded' && left.every((row) => row.rejected_at !== null)) {
      // Nothing left to review: the document is back where it stood before the upload — missing,
      // or rejected as its latest rejection said, which is what the files left still show.
      const latest = left.reduce<FileRow | undefined>((found, row) => (found && found.rejected_at! >= row.rejected_at! ? found : row), undefined);
      await trx
        .updateTable('claim_documents')
        .set({
          status: latest ? 'rejected' : 'missing',
          reason: latest?.rejection_reason ?? null,
          reviewed_by_id: latest?.rejected_by_id ?? null,
          reviewed_by_name: latest?.rejected_by_name ?? null,
          reviewed_at: latest?.rejected_at ?? null,
          updated_at: nowIso(),
        })
        .where('id', '=', requirement.id)
        .execute();
    }
    await append({
      type: 'document.removed',
      claimId: claim.id,
      companyId: claim.company_id,
      actor: actorOf(caller),
      data: { document: documentData(requirement), file: { id: file.id, name: file.name } },
    });
    await reconcile(trx, append, claim);
    return keys;
  });
}
