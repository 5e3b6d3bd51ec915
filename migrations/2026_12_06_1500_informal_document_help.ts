import type { Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
//
// The Spanish help of three document kinds addressed the customer as "usted" ("su banco", "si la
// tiene") while the rest of the product says "tú" ("tu gestora", "puedes…"): one voice. Only
// the texts this migration wrote are put back on the way down, so an operator's own edit stays.

const HELP_ES: ReadonlyArray<{ code: string; formal: string; informal: string }> = [
  {
    code: 'commercial_invoice',
    formal: 'Acredita el valor de la mercancía: su factura de venta o, en su defecto, la de compra. Todas las páginas, legibles, con los importes y el número de factura.',
    informal: 'Acredita el valor de la mercancía: tu factura de venta o, si no la tienes, la de compra. Todas las páginas, legibles, con los importes y el número de factura.',
  },
  {
    code: 'cmr_consignment_note',
    formal: 'El CMR con el sello del transportista y la firma y observaciones del destinatario (casilla 24). La copia del destinatario si la tiene.',
    informal: 'El CMR con el sello del transportista y la firma y observaciones del destinatario (casilla 24). La copia del destinatario si la tienes.',
  },
  {
    code: 'bank_account_certificate',
    formal: 'Emitido por su banco en los últimos seis meses, con el titular (su empresa) y el IBAN donde se abonará la indemnización.',
    informal: 'Emitido por tu banco en los últimos seis meses, con el titular (tu empresa) y el IBAN donde se abonará la indemnización.',
  },
];

async function rewrite(db: Kysely<any>, from: 'formal' | 'informal', to: 'formal' | 'informal'): Promise<void> {
  for (const help of HELP_ES) {
    await db.updateTable('document_kinds').set({ help_es: help[to] }).where('code', '=', help.code).where('help_es', '=', help[from]).execute();
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await rewrite(db, 'formal', 'informal');
}

export async function down(db: Kysely<any>): Promise<void> {
  await rewrite(db, 'informal', 'formal');
}
