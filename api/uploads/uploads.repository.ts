import type { Transaction } from 'kysely';
import { companyScope, type Principal } from '../auth/principal.ts';
import { writerOf, writtenBy, type Writer } from '../auth/writer.ts';
import type { DB } from '../db/connect.ts';
import type { Database, UploadSessionRow } from '../db/database.ts';

type Reader = DB | Transaction<Database>;

/**
 * The caller's own upload: an upload is its uploader's alone (the same user, company key or
 * operator's key), within the caller's company, so anyone else's is not found.
 */
export function findUpload(db: Reader, caller: Principal, id: string): Promise<UploadSessionRow | undefined> {
  let query = db.selectFrom('upload_sessions').selectAll().where('id', '=', id).where(writtenBy('user_id', 'key_id', writerOf(caller)));
  const scope = companyScope(caller);
  if (scope !== null) query = query.where('company_id', '=', scope);
  return query.executeTakeFirst();
}

/** The upload `uploader` started with this Idempotency-Key, if any. */
export function findUploadByKey(db: Reader, uploader: Pick<Writer, 'userId' | 'keyId'>, key: string): Promise<UploadSessionRow | undefined> {
  return db.selectFrom('upload_sessions').selectAll().where(writtenBy('user_id', 'key_id', uploader)).where('idempotency_key', '=', key).executeTakeFirst();
}

/** An upload's stored chunks, in the file's order. */
export function listParts(db: Reader, sessionId: string) {
  return db.selectFrom('upload_parts').select(['first_byte', 'size', 'storage_key']).where('session_id', '=', sessionId).orderBy('first_byte').execute();
}
