import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
//
// The legal basis of each deadline is shown to customers, who read the widget in Spanish or
// English: rules and the claims that copied them get the text in both languages
// (`basis`/`deadline_basis` English, `basis_es`/`deadline_basis_es` Spanish).

const TEXTS: Array<{ claimType: string; scope: string | null; en: string; es: string }> = [
  {
    claimType: 'breakage', scope: 'international',
    en: 'CMR art. 30.2 — hidden damage: written reservations within 7 days of delivery, Sundays and public holidays excepted',
    es: 'CMR art. 30.2 — daños no aparentes: reservas por escrito en los 7 días siguientes a la entrega, sin contar domingos ni festivos',
  },
  {
    claimType: 'breakage', scope: 'national',
    en: 'Ley 15/2009 art. 60.2 — hidden damage: reservations within the 7 working days after delivery',
    es: 'Ley 15/2009 art. 60.2 — daños no manifiestos: reserva en los 7 días hábiles siguientes a la entrega',
  },
  {
    claimType: 'loss', scope: 'international',
    en: 'CMR art. 20.1 — goods may be treated as lost 60 days after the carrier took them over',
    es: 'CMR art. 20.1 — la mercancía puede darse por perdida a los 60 días de que el porteador se hiciera cargo de ella',
  },
  {
    claimType: 'loss', scope: 'national',
    en: 'Ley 15/2009 art. 58 — goods may be treated as lost 30 days after the carrier received them',
    es: 'Ley 15/2009 art. 58 — pérdida: la mercancía se considera perdida a los 30 días de su recepción',
  },
  {
    claimType: 'robbery', scope: null,
    en: 'Cargo policy notice clause — robbery: notify with the police report within 7 days',
    es: 'Cláusula de aviso de la póliza de mercancías — robo: comunicarlo con la denuncia en 7 días',
  },
  {
    claimType: 'theft', scope: null,
    en: 'Cargo policy notice clause — theft: notify with the police report within 7 days',
    es: 'Cláusula de aviso de la póliza de mercancías — hurto: comunicarlo con la denuncia en 7 días',
  },
];

// Claims opened when no rule matched carry the CMR art. 32 outer bound.
const FALLBACK = { en: 'CMR art. 32 — one-year limitation period', es: 'CMR art. 32 — prescripción de un año' };

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('deadline_rules').addColumn('basis_es', 'text').execute();
  await db.schema.alterTable('claims').addColumn('deadline_basis_es', 'text').execute();

  for (const text of TEXTS) {
    let rule = db.selectFrom('deadline_rules').select(['id', 'basis']).where('claim_type', '=', text.claimType);
    rule = text.scope === null ? rule.where('scope', 'is', null) : rule.where('scope', '=', text.scope);
    const row = await rule.executeTakeFirst();
    if (!row) continue; // an operator removed the rule: nothing to translate
    await db
      .updateTable('claims')
      .set({ deadline_basis: text.en, deadline_basis_es: text.es })
      .where('deadline_basis', '=', row.basis)
      .execute();
    await db.updateTable('deadline_rules').set({ basis: text.en, basis_es: text.es }).where('id', '=', row.id).execute();
  }
  await db
    .updateTable('claims')
    .set({ deadline_basis_es: FALLBACK.es })
    .where('deadline_basis', '=', FALLBACK.en)
    .execute();
  // Anything else (rules an operator added) keeps its one text for both languages.
  await db
    .updateTable('claims')
    .set((eb) => ({ deadline_basis_es: eb.ref('deadline_basis') }))
    .where('deadline_basis_es', 'is', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('claims').dropColumn('deadline_basis_es').execute();
  await db.schema.alterTable('deadline_rules').dropColumn('basis_es').execute();
}
