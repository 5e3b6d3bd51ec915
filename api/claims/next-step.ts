import type { ClaimStatus, CustomerStep, HandlerStep } from '../../domain/constants.ts';
import { progressOf } from '../documents/documents.resource.ts';
import type { ChecklistRow } from './claims.repository.ts';
import type { Claim } from './claims.schema.ts';
import { collectsDocuments, isFinal, nextStatuses } from './lifecycle.ts';

// What a claim asks of its reader now, decided here so that every client says the same thing:
// from the claim's phase, its own checklist (a loss claim asks for no photos) and whether a
// handler has it (nobody is reviewing an unassigned claim). Clients word the step; they do not
// work it out.

/** Whose step a claim tells: the company's (its users and the host backend) or the claims handler's. */
export type Side = 'customer' | 'handler';

type DocumentRef = Claim['nextStep']['documents'][number];

/** The steps that follow from the phase alone, whatever the checklist says: every phase but those that collect documents. */
const CUSTOMER_PHASE_STEPS: Partial<Record<ClaimStatus, CustomerStep>> = {
  notified: 'accept-or-decline',
  declined: 'declined',
  submitted: 'wait-for-carrier',
  resolved: 'see-outcome',
  closed: 'nothing',
};

const HANDLER_PHASE_STEPS: Partial<Record<ClaimStatus, HandlerStep>> = {
  notified: 'wait-for-customer',
  declined: 'declined',
  submitted: 'record-outcome',
  resolved: 'close-claim',
  closed: 'nothing',
};

function documentRef(row: ChecklistRow): DocumentRef {
  return {
    id: row.id,
    kind: row.kind,
    label: row.label,
    status: row.status,
    reason: row.status === 'rejected' ? row.reason : null,
  };
}

/** The checklist sorted by what each side acts on; a waived document asks nothing of anyone. */
function sortChecklist(checklist: readonly ChecklistRow[]) {
  const open = checklist.filter((row) => row.status !== 'waived');
  const required = open.filter((row) => row.required === 1);
  return {
    /** Rejected: the customer uploads a new one (an optional one too: the handler asked for it). */
    rejected: open.filter((row) => row.status === 'rejected'),
    /** Files in, waiting for the handler, optional documents included. */
    uploaded: open.filter((row) => row.status === 'uploaded'),
    missingRequired: required.filter((row) => row.status === 'missing'),
    uploadedRequired: required.filter((row) => row.status === 'uploaded'),
    lackingRequired: required.filter((row) => row.status === 'missing' || row.status === 'rejected'),
  };
}

function customerStep(status: ClaimStatus, assigned: boolean, checklist: readonly ChecklistRow[]): { code: CustomerStep; documents: ChecklistRow[] } {
  const byPhase = CUSTOMER_PHASE_STEPS[status];
  if (byPhase) return { code: byPhase, documents: [] };
  const docs = sortChecklist(checklist);
  if (docs.rejected.length) return { code: 'fix-rejected', documents: docs.rejected };
  if (docs.missingRequired.length) return { code: 'upload-documents', documents: docs.missingRequired };
  if (docs.uploadedRequired.length) return { code: assigned ? 'wait-for-review' : 'wait-for-assignment', documents: docs.uploadedRequired };
  return { code: 'wait-for-filing', documents: [] };
}

function handlerStep(status: ClaimStatus, assigned: boolean, checklist: readonly ChecklistRow[]): { code: HandlerStep; documents: ChecklistRow[] } {
  const collecting = collectsDocuments(status);
  const docs = sortChecklist(checklist);
  // Work with nobody to do it: taking the claim comes first (what waits for review, said with it).
  if (!assigned && !isFinal(status)) return { code: 'take-claim', documents: collecting ? docs.uploaded : [] };
  const byPhase = HANDLER_PHASE_STEPS[status];
  if (byPhase) return { code: byPhase, documents: [] };
  if (docs.uploaded.length) return { code: 'review-documents', documents: docs.uploaded };
  if (docs.lackingRequired.length) return { code: 'wait-for-documents', documents: docs.lackingRequired };
  // Everything required is accepted: file it, once the claim is where filing is a move.
  return { code: nextStatuses(status, 'handler').includes('submitted') ? 'file-claim' : 'start-review', documents: [] };
}

/** The claim's next step for one side, naming the documents it is about. */
export function nextStepOf(claim: { status: ClaimStatus; handler_id: string | null }, checklist: readonly ChecklistRow[], side: Side): Claim['nextStep'] {
  const assigned = claim.handler_id !== null;
  if (side === 'handler') {
    const { code, documents } = handlerStep(claim.status, assigned, checklist);
    return { side, code, documents: documents.map(documentRef) };
  }
  const { code, documents } = customerStep(claim.status, assigned, checklist);
  return { side, code, documents: documents.map(documentRef) };
}

/** The checklist's progress, and the required documents not accepted yet: what filing now would go without. */
export function documentsOf(checklist: readonly ChecklistRow[]): Claim['documents'] {
  return {
    ...progressOf(checklist),
    notAccepted: checklist.filter((row) => row.required === 1 && row.status !== 'accepted' && row.status !== 'waived').map(documentRef),
  };
}
