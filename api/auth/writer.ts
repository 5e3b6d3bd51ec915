import { sql, type ExpressionBuilder } from 'kysely';
import type { ActorKind } from '../../domain/constants.ts';
import { actorOf } from '../events/actor.ts';
import type { Principal } from './principal.ts';

/**
 * Who a row names as its writer — a message's author, a file's uploader, the owner of an upload's
 * Idempotency-Key: a user (`userId`), a company API key (`keyId`), or the operator's key (neither).
 * The tables keep the two ids apart, each referencing its own table, beside the kind and the name
 * the history shows (the log's actor: actorOf).
 */
export interface Writer {
  userId: string | null;
  keyId: string | null;
  kind: ActorKind;
  name: string;
}

/** The principal as the rows it writes name it; `name` replaces the actor's (the operator's key naming its sender). */
export function writerOf(principal: Principal, name?: string): Writer {
  const actor = actorOf(principal);
  return {
    userId: principal.kind === 'user' ? principal.user.id : null,
    keyId: principal.kind === 'companyKey' ? principal.keyId : null,
    kind: actor.kind,
    name: name ?? actor.name,
  };
}

/** The id the API shows for a row's writer, as the log's actor has it: the user's, the key's, or null for the operator's key. */
export const writerId = (userId: string | null, keyId: string | null): string | null => userId ?? keyId;

/** A where-clause: the rows whose `userColumn` and `keyColumn` name `writer` (a user, a key, or — both null — the operator's key). */
export function writtenBy(userColumn: string, keyColumn: string, writer: Pick<Writer, 'userId' | 'keyId'>) {
  return (eb: ExpressionBuilder<any, any>) =>
    eb.and([
      writer.userId === null ? eb(sql.ref(userColumn), 'is', null) : eb(sql.ref(userColumn), '=', writer.userId),
      writer.keyId === null ? eb(sql.ref(keyColumn), 'is', null) : eb(sql.ref(keyColumn), '=', writer.keyId),
    ]);
}
