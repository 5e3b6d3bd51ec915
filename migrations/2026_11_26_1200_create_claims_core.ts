import { PostgresAdapter, sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<any>): Promise<void> {
  // An increasing integer key: SQLite's autoincrement, PostgreSQL's identity column.
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const serialType = postgres ? 'bigint' : 'integer';
  const serial = (c: ColumnDefinitionBuilder) =>
    postgres ? c.primaryKey().generatedAlwaysAsIdentity() : c.primaryKey().autoIncrement();

  await db.schema
    .createTable('companies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin', 'member', 'handler')`))
    .addColumn('lang', 'text')
    .addColumn('claims_access', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('notifications', 'text', (c) =>
      c.notNull().defaultTo('in_app').check(sql`notifications in ('in_app', 'in_app_and_email')`),
    )
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('users_company_external_unique', ['company_id', 'external_id'])
    .execute();

  await db.schema
    .createTable('claims')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('external_ref', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('breakage', 'robbery', 'theft', 'loss')`))
    .addColumn('goods', 'text', (c) => c.notNull().check(sql`goods in ('parcel', 'pallet')`))
    .addColumn('scope', 'text', (c) => c.notNull().check(sql`scope in ('national', 'international')`))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .check(sql`status in ('notified', 'declined', 'documentation', 'review', 'submitted', 'resolved', 'closed')`),
    )
    .addColumn('carrier', 'text', (c) => c.notNull())
    .addColumn('tracking_number', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('origin', 'text')
    .addColumn('destination', 'text')
    .addColumn('packages', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('declared_value_cents', 'integer', (c) => c.notNull())
    .addColumn('claimed_amount_cents', 'integer')
    .addColumn('outcome', 'text', (c) => c.check(sql`outcome in ('paid', 'partially_paid', 'denied')`))
    .addColumn('outcome_amount_cents', 'integer')
    .addColumn('decline_reason', 'text')
    .addColumn('incident_at', 'text', (c) => c.notNull())
    .addColumn('deadline_at', 'text', (c) => c.notNull())
    .addColumn('deadline_days', 'integer', (c) => c.notNull())
    .addColumn('deadline_day_kind', 'text', (c) => c.notNull())
    .addColumn('deadline_basis', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('claims_company_external_ref_unique', ['company_id', 'external_ref'])
    .execute();
  // Keyset pagination walks (created_at, id) newest first within a company.
  await db.schema.createIndex('claims_company_created_idx').on('claims').columns(['company_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('claims_created_idx').on('claims').columns(['created_at', 'id']).execute();

  await db.schema
    .createTable('claim_events')
    .addColumn('id', serialType, serial)
    .addColumn('claim_id', 'text', (c) => c.notNull().references('claims.id'))
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('actor_kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('claim_events_company_idx').on('claim_events').columns(['company_id', 'id']).execute();
  await db.schema.createIndex('claim_events_claim_idx').on('claim_events').columns(['claim_id', 'id']).execute();

  await db.schema
    .createTable('reference_counters')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('last_number', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('deadline_rules')
    .addColumn('id', serialType, serial)
    .addColumn('claim_type', 'text')
    .addColumn('goods', 'text')
    .addColumn('scope', 'text')
    .addColumn('days', 'integer', (c) => c.notNull())
    .addColumn('day_kind', 'text', (c) => c.notNull().check(sql`day_kind in ('calendar', 'business')`))
    .addColumn('basis', 'text', (c) => c.notNull())
    .execute();

  // Filing deadlines: how long the customer has to lodge the claim with the carrier, counted
  // from the incident (for damage, from delivery). Editable data; the most specific row wins.
  // 'business' days skip Sundays and public holidays, as both conventions below count them.
  await db
    .insertInto('deadline_rules')
    .values([
      {
        // CMR art. 30.2: damage not apparent at delivery must be notified in writing within 7 days
        // of delivery, Sundays and public holidays excepted.
        claim_type: 'breakage', goods: null, scope: 'international', days: 7, day_kind: 'business',
        basis: 'CMR art. 30.2 — hidden damage: written reservations within 7 days, Sundays and holidays excepted',
      },
      {
        // Ley 15/2009 (LCTTM) art. 60.2: non-apparent damage in Spanish domestic road transport must
        // be reported within the 7 working days after delivery.
        claim_type: 'breakage', goods: null, scope: 'national', days: 7, day_kind: 'business',
        basis: 'Ley 15/2009 art. 60.2 — daños no manifiestos: reserva en los 7 días hábiles siguientes a la entrega',
      },
      {
        // CMR art. 20.1: goods not delivered 30 days after the agreed time limit (60 days after
        // taking over when none was agreed) may be treated as lost; file at that point.
        claim_type: 'loss', goods: null, scope: 'international', days: 60, day_kind: 'calendar',
        basis: 'CMR art. 20.1 — goods may be treated as lost 60 days after the carrier took them over',
      },
      {
        // Ley 15/2009 art. 58: domestic goods not delivered 20 days after the agreed date (30 days
        // after taking over when none was agreed) may be treated as lost.
        claim_type: 'loss', goods: null, scope: 'national', days: 30, day_kind: 'calendar',
        basis: 'Ley 15/2009 art. 58 — pérdida: la mercancía se considera perdida a los 30 días de su recepción',
      },
      {
        // Robbery and theft claims ride on the police report; insurers' standard cargo policies
        // ask for notice within 7 days of learning of the loss.
        claim_type: 'robbery', goods: null, scope: null, days: 7, day_kind: 'calendar',
        basis: 'Cargo policy notice clause — robbery: notify with the police report within 7 days',
      },
      {
        claim_type: 'theft', goods: null, scope: null, days: 7, day_kind: 'calendar',
        basis: 'Cargo policy notice clause — theft: notify with the police report within 7 days',
      },
    ])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['deadline_rules', 'reference_counters', 'claim_events', 'claims', 'users', 'companies']) {
    await db.schema.dropTable(table).execute();
  }
}
