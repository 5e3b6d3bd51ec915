import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
//
// Documents. A catalogue of document kinds (labels and help in Spanish and English), rules that
// say which kinds a claim needs by type × goods × scope (null matches any value; required or
// optional; in order), each claim's requirements instantiated from those rules when it is
// opened (plus the handler's ad-hoc requests), and the files uploaded to each requirement.
// Claims also get their assigned handler.

const DOCUMENT_STATUSES = sql`status in ('missing', 'uploaded', 'accepted', 'rejected', 'waived')`;

const KINDS = [
  {
    code: 'commercial_invoice',
    label_en: 'Commercial invoice (proof of value)',
    label_es: 'Factura comercial (justificante del valor)',
    help_en: 'Shows what the goods were worth: your sales invoice or, failing that, the purchase invoice. Every page, legible, with the amounts and the invoice number.',
    help_es: 'Acredita el valor de la mercancía: su factura de venta o, en su defecto, la de compra. Todas las páginas, legibles, con los importes y el número de factura.',
  },
  {
    code: 'damage_photos',
    label_en: 'Photos of the damaged goods',
    label_es: 'Fotos de la mercancía dañada',
    help_en: 'Several photos: the damage up close and the goods as a whole, with a label or reference visible where you can. Taken before anything is repaired or thrown away.',
    help_es: 'Varias fotos: el daño de cerca y la mercancía completa, con una etiqueta o referencia visible si es posible. Tomadas antes de reparar o desechar nada.',
  },
  {
    code: 'packaging_photos',
    label_en: 'Photos of the packaging',
    label_es: 'Fotos del embalaje',
    help_en: 'The packaging as it was delivered: boxes, pallet, film and labels, showing any blow, tear or sign of opening.',
    help_es: 'El embalaje tal como se entregó: cajas, palé, film y etiquetas, mostrando golpes, roturas o señales de apertura.',
  },
  {
    code: 'delivery_note_reservations',
    label_en: 'Delivery note signed with reservations',
    label_es: 'Albarán de entrega firmado con reservas',
    help_en: 'The delivery note or proof of delivery with the reservations written on it at delivery (for instance "damaged packaging, pending inspection"), signed and dated.',
    help_es: 'El albarán o prueba de entrega con las reservas anotadas al recibir (por ejemplo «embalaje dañado, pendiente de revisión»), firmado y fechado.',
  },
  {
    code: 'police_report',
    label_en: 'Police report',
    label_es: 'Denuncia policial',
    help_en: 'The report filed with the police, with its number, date and the list of the goods taken. A copy stamped by the police station.',
    help_es: 'La denuncia presentada ante la policía o la Guardia Civil, con su número, fecha y la relación de mercancía sustraída. Copia sellada por la comisaría.',
  },
  {
    code: 'non_delivery_statement',
    label_en: 'Statement of non-delivery (loss declaration)',
    label_es: 'Declaración de no entrega (declaración de pérdida)',
    help_en: 'A statement signed by the consignee that the goods never arrived, with the expected delivery date and the shipment reference.',
    help_es: 'Declaración firmada por el destinatario de que la mercancía no llegó, con la fecha de entrega prevista y la referencia del envío.',
  },
  {
    code: 'cmr_consignment_note',
    label_en: 'CMR consignment note',
    label_es: 'Carta de porte CMR',
    help_en: 'The CMR with the carrier’s stamp and the consignee’s signature and remarks (box 24). The consignee’s copy if you have it.',
    help_es: 'El CMR con el sello del transportista y la firma y observaciones del destinatario (casilla 24). La copia del destinatario si la tiene.',
  },
  {
    code: 'air_waybill',
    label_en: 'Air waybill',
    label_es: 'Conocimiento aéreo (AWB)',
    help_en: 'The air waybill of the shipment, when it travelled by air: the number on it must match the tracking number.',
    help_es: 'El conocimiento aéreo del envío, si viajó por avión: su número debe coincidir con el de seguimiento.',
  },
  {
    code: 'customs_documents',
    label_en: 'Customs documents',
    label_es: 'Documentos aduaneros (DUA)',
    help_en: 'The export or import declaration and any customs release, when the shipment left the EU customs territory.',
    help_es: 'La declaración de exportación o importación (DUA) y el levante aduanero, si el envío salió del territorio aduanero de la UE.',
  },
  {
    code: 'bank_account_certificate',
    label_en: 'Bank account certificate',
    label_es: 'Certificado de titularidad bancaria',
    help_en: 'Issued by your bank in the last six months, showing the account holder (your company) and the IBAN the compensation will be paid into.',
    help_es: 'Emitido por su banco en los últimos seis meses, con el titular (su empresa) y el IBAN donde se abonará la indemnización.',
  },
  {
    code: 'other',
    label_en: 'Other document',
    label_es: 'Otro documento',
    help_en: 'The handler’s note says what is needed.',
    help_es: 'La nota de la gestora indica qué se necesita.',
  },
];

type Rule = { claim_type: string | null; goods: string | null; scope: string | null; kind: string; required: number; position: number };

const RULES: Rule[] = [
  { claim_type: null, goods: null, scope: null, kind: 'commercial_invoice', required: 1, position: 10 },
  { claim_type: 'breakage', goods: null, scope: null, kind: 'damage_photos', required: 1, position: 20 },
  { claim_type: 'breakage', goods: null, scope: null, kind: 'packaging_photos', required: 1, position: 30 },
  { claim_type: 'breakage', goods: null, scope: null, kind: 'delivery_note_reservations', required: 1, position: 40 },
  { claim_type: 'robbery', goods: null, scope: null, kind: 'police_report', required: 1, position: 20 },
  { claim_type: 'theft', goods: null, scope: null, kind: 'police_report', required: 1, position: 20 },
  { claim_type: 'loss', goods: null, scope: null, kind: 'non_delivery_statement', required: 1, position: 20 },
  { claim_type: null, goods: 'pallet', scope: 'international', kind: 'cmr_consignment_note', required: 1, position: 50 },
  { claim_type: null, goods: 'parcel', scope: 'international', kind: 'air_waybill', required: 0, position: 60 },
  { claim_type: null, goods: null, scope: 'international', kind: 'customs_documents', required: 0, position: 70 },
  { claim_type: null, goods: null, scope: null, kind: 'bank_account_certificate', required: 1, position: 90 },
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('document_kinds')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('label_en', 'text', (c) => c.notNull())
    .addColumn('label_es', 'text', (c) => c.notNull())
    .addColumn('help_en', 'text', (c) => c.notNull())
    .addColumn('help_es', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await db
    .insertInto('document_kinds')
    .values(KINDS.map((kind, i) => ({ ...kind, position: (i + 1) * 10 })))
    .execute();

  await db.schema
    .createTable('document_rules')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('claim_type', 'text')
    .addColumn('goods', 'text')
    .addColumn('scope', 'text')
    .addColumn('kind', 'text', (c) => c.notNull().references('document_kinds.code'))
    .addColumn('required', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await db
    .insertInto('document_rules')
    .values(RULES.map((rule, i) => ({ id: i + 1, ...rule })))
    .execute();

  await db.schema
    .createTable('claim_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('claim_id', 'text', (c) => c.notNull().references('claims.id'))
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('kind', 'text', (c) => c.notNull().references('document_kinds.code'))
    .addColumn('note', 'text')
    .addColumn('required', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(DOCUMENT_STATUSES))
    .addColumn('reason', 'text')
    .addColumn('requested_by_id', 'text', (c) => c.references('users.id'))
    .addColumn('requested_by_name', 'text')
    .addColumn('reviewed_by_id', 'text', (c) => c.references('users.id'))
    .addColumn('reviewed_by_name', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('claim_documents_claim_idx').on('claim_documents').columns(['claim_id', 'position']).execute();

  await db.schema
    .createTable('document_files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('requirement_id', 'text', (c) => c.notNull().references('claim_documents.id'))
    .addColumn('claim_id', 'text', (c) => c.notNull().references('claims.id'))
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('thumbnail_key', 'text')
    .addColumn('uploaded_by_id', 'text', (c) => c.references('users.id'))
    .addColumn('uploaded_by_name', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('document_files_requirement_idx').on('document_files').columns(['requirement_id', 'uploaded_at']).execute();

  // No foreign key: SQLite cannot drop a column that has one, and down() must.
  await db.schema.alterTable('claims').addColumn('handler_id', 'text').execute();
  await db.schema.alterTable('claims').addColumn('handler_name', 'text').execute();
  await db.schema.createIndex('claims_handler_idx').on('claims').columns(['handler_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('claims_deadline_idx').on('claims').columns(['deadline_at', 'id']).execute();

  await backfillRequirements(db);
}

/** Claims opened before this migration get the requirements their rules give, as new ones do. */
async function backfillRequirements(db: Kysely<any>): Promise<void> {
  const claims: Array<{ id: string; company_id: string; type: string; goods: string; scope: string }> = await db
    .selectFrom('claims')
    .select(['id', 'company_id', 'type', 'goods', 'scope'])
    .execute();
  const now = new Date().toISOString();
  for (const claim of claims) {
    const wanted = new Map<string, { required: number; position: number }>();
    for (const rule of RULES) {
      const applies =
        (rule.claim_type ?? claim.type) === claim.type && (rule.goods ?? claim.goods) === claim.goods && (rule.scope ?? claim.scope) === claim.scope;
      if (!applies) continue;
      const seen = wanted.get(rule.kind);
      wanted.set(rule.kind, {
        required: Math.max(seen?.required ?? 0, rule.required),
        position: Math.min(seen?.position ?? rule.position, rule.position),
      });
    }
    if (wanted.size === 0) continue;
    await db
      .insertInto('claim_documents')
      .values(
        [...wanted].map(([kind, { required, position }]) => ({
          id: `req_${randomBytes(12).toString('base64url')}`,
          claim_id: claim.id,
          company_id: claim.company_id,
          kind,
          note: null,
          required,
          position,
          status: 'missing',
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('claims_deadline_idx').execute();
  await db.schema.dropIndex('claims_handler_idx').execute();
  await db.schema.alterTable('claims').dropColumn('handler_name').execute();
  await db.schema.alterTable('claims').dropColumn('handler_id').execute();
  for (const table of ['document_files', 'claim_documents', 'document_rules', 'document_kinds']) {
    await db.schema.dropTable(table).execute();
  }
}
