import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
//
// A document kind says whether it is photos taken where the goods are (the damage, the
// packaging): a client then offers the phone's camera beside the file picker. A flag of the
// catalogue, so an operator who adds a kind of photos marks it too, with no code to change.

const PHOTO_KINDS = ['damage_photos', 'packaging_photos'];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('document_kinds')
    .addColumn('photos', 'integer', (c) => c.notNull().defaultTo(0).check(sql`photos in (0, 1)`))
    .execute();
  await db.updateTable('document_kinds').set({ photos: 1 }).where('code', 'in', PHOTO_KINDS).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('document_kinds').dropColumn('photos').execute();
}
