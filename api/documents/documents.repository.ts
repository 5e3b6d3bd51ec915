import type { Transaction } from 'kysely';
import { writtenBy, type Writer } from '../auth/writer.ts';
import type { DB } from '../db/connect.ts';
import type { Database, FileRow } from '../db/database.ts';
import { KIND_HELP_COLUMNS, KIND_LABEL_COLUMNS } from './kind-texts.ts';

type Reader = DB | Transaction<Database>;

/** Requirements with their kind's labels, help and whether it is photos, in checklist order. */
function selectRequirements(db: Reader) {
  return db
    .selectFrom('claim_documents')
    .innerJoin('document_kinds', 'document_kinds.code', 'claim_documents.kind')
    .selectAll('claim_documents')
    .select([...KIND_LABEL_COLUMNS, ...KIND_HELP_COLUMNS, 'document_kinds.photos']);
}

export type RequirementRow = Awaited<ReturnType<ReturnType<typeof selectRequirements>['executeTakeFirstOrThrow']>>;

/** A claim's requirements, scoped like every read: `companyId` null means staff. */
export function listRequirements(db: Reader, companyId: string | null, claimId: string): Promise<RequirementRow[]> {
  let query = selectRequirements(db).where('claim_documents.claim_id', '=', claimId);
  if (companyId !== null) query = query.where('claim_documents.company_id', '=', companyId);
  return query.orderBy('claim_documents.position').orderBy('claim_documents.created_at').orderBy('claim_documents.id').execute();
}

export function findRequirement(db: Reader, claimId: string, requirementId: string): Promise<RequirementRow | undefined> {
  return selectRequirements(db).where('claim_documents.claim_id', '=', claimId).where('claim_documents.id', '=', requirementId).executeTakeFirst();
}

/** The files of the requirements, oldest first. */
export async function listFiles(db: Reader, requirementIds: readonly string[]): Promise<FileRow[]> {
  if (requirementIds.length === 0) return [];
  return db
    .selectFrom('files')
    .selectAll()
    .where('requirement_id', 'in', requirementIds)
    .orderBy('uploaded_at')
    .orderBy('id')
    .execute();
}

/**
 * A file the caller may see, with where its claim and requirement stand: in the scope's company
 * (`companyId` null: staff), and — for an attachment not sent yet — only its uploader (`viewer`).
 */
export function findFile(db: Reader, companyId: string | null, viewer: Pick<Writer, 'userId' | 'keyId'>, fileId: string) {
  let query = db
    .selectFrom('files')
    .leftJoin('claim_documents', 'claim_documents.id', 'files.requirement_id')
    .innerJoin('claims', 'claims.id', 'files.claim_id')
    .selectAll('files')
    .select(['claim_documents.status as requirement_status', 'claims.status as claim_status'])
    .where('files.id', '=', fileId)
    .where((eb) =>
      eb.or([eb('files.requirement_id', 'is not', null), eb('files.message_id', 'is not', null), writtenBy('files.uploaded_by_id', 'files.uploaded_by_key_id', viewer)(eb)]),
    );
  if (companyId !== null) query = query.where('files.company_id', '=', companyId);
  return query.executeTakeFirst();
}

export function listKinds(db: Reader) {
  return db.selectFrom('document_kinds').selectAll().orderBy('position').orderBy('code').execute();
}
