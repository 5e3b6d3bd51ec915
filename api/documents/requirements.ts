import type { Transaction } from 'kysely';
import type { ClaimType, Goods, Scope } from '../../domain/constants.ts';
import type { ClaimDocumentRow, Database, DocumentRuleRow } from '../db/database.ts';
import { insertRows } from '../db/insert-rows.ts';
import type { Reaction } from '../events/record.ts';
import { newId } from '../ids.ts';

export interface RequirementSpec {
  kind: string;
  required: boolean;
  position: number;
}

/**
 * The documents a claim of this type × goods × scope needs, in checklist order. A rule's null
 * matches any value; when several rules name one kind, it is required if any of them requires it
 * and takes the earliest position.
 */
export function requirementsFor(rules: readonly DocumentRuleRow[], claim: { type: ClaimType; goods: Goods; scope: Scope }): RequirementSpec[] {
  const byKind = new Map<string, RequirementSpec>();
  for (const rule of rules) {
    const applies =
      (rule.claim_type ?? claim.type) === claim.type && (rule.goods ?? claim.goods) === claim.goods && (rule.scope ?? claim.scope) === claim.scope;
    if (!applies) continue;
    const seen = byKind.get(rule.kind);
    byKind.set(rule.kind, {
      kind: rule.kind,
      required: (seen?.required ?? false) || rule.required === 1,
      position: Math.min(seen?.position ?? rule.position, rule.position),
    });
  }
  return [...byKind.values()].sort((a, b) => a.position - b.position || a.kind.localeCompare(b.kind));
}

/**
 * The row of one requirement of a claim: from its rules (no requester), or asked for by a handler,
 * with a note saying what exactly unless the kind says enough.
 */
export function requirementRow(
  claim: { id: string; company_id: string },
  spec: RequirementSpec,
  now: string,
  request?: { note: string | null; by: { id: string; name: string } },
): ClaimDocumentRow {
  return {
    id: newId('req'),
    claim_id: claim.id,
    company_id: claim.company_id,
    kind: spec.kind,
    note: request?.note ?? null,
    required: spec.required ? 1 : 0,
    position: spec.position,
    status: 'missing',
    reason: null,
    requested_by_id: request?.by.id ?? null,
    requested_by_name: request?.by.name ?? null,
    reviewed_by_id: null,
    reviewed_by_name: null,
    reviewed_at: null,
    created_at: now,
    updated_at: now,
  };
}

/** The reaction that gives a claim its checklist from the rules as it is opened (registered in app.ts), from the row its change inserted. */
export const checklistOnIntake: Reaction = async (trx, event) => {
  if (event.type !== 'claim.created' || !event.opened) return;
  await instantiateRequirements(trx, event.opened, event.opened.created_at);
};

/**
 * The rules, read once per transaction: the claims a burst opens together share one read (their
 * changes commit in one transaction on SQLite, events/record.ts), and no change edits the rules.
 */
const rulesRead = new WeakMap<Transaction<Database>, DocumentRuleRow[]>();

async function documentRules(trx: Transaction<Database>): Promise<DocumentRuleRow[]> {
  let rules = rulesRead.get(trx);
  if (!rules) rulesRead.set(trx, (rules = await trx.selectFrom('document_rules').selectAll().execute()));
  return rules;
}

/** Writes a claim's checklist from the rules. */
async function instantiateRequirements(
  trx: Transaction<Database>,
  claim: { id: string; company_id: string; type: ClaimType; goods: Goods; scope: Scope },
  now: string,
): Promise<void> {
  const specs = requirementsFor(await documentRules(trx), claim);
  await insertRows(
    trx,
    'claim_documents',
    specs.map((spec) => requirementRow(claim, spec, now)),
  );
}
