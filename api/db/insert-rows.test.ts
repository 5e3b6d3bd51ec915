import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openTestDatabase } from '../testing/database.ts';
import { insertRows } from './insert-rows.ts';

let database: Awaited<ReturnType<typeof openTestDatabase>>;
before(async () => {
  database = await openTestDatabase();
});
after(() => database.close());

const company = (id: string, name: string) => ({ id, name, created_at: '2026-12-11T10:00:00.000Z', updated_at: '2026-12-11T10:00:00.000Z' });
const stored = async (prefix: string) =>
  database.db.selectFrom('companies').select(['id', 'name', 'created_at', 'updated_at']).where('id', 'like', `${prefix}%`).orderBy('id').execute();

describe('insertRows', () => {
  it('writes each row with its own values, past the rows one statement takes and again with the statements it compiled', async () => {
    const rows = Array.from({ length: 37 }, (_, i) => company(`rows-${String(i).padStart(2, '0')}`, `Company ${i}`));
    await insertRows(database.db, 'companies', rows);
    assert.deepEqual(await stored('rows-'), rows);
    const again = rows.map((row) => ({ ...row, id: `again-${row.id}`, name: `${row.name} bis` }));
    await insertRows(database.db, 'companies', again);
    assert.deepEqual(await stored('again-'), again);
  });

  it('compiles another statement for other columns, leaving out what the rows leave out', async () => {
    const named = { id: 'cols-1', name: 'Con ajustes', created_at: '2026-12-11T10:00:00.000Z', updated_at: '2026-12-11T10:00:00.000Z', default_notifications: 'in_app_and_email' as const };
    await insertRows(database.db, 'companies', [named]);
    await insertRows(database.db, 'companies', [company('cols-2', 'Sin ajustes')]);
    const channels = await database.db.selectFrom('companies').select(['id', 'default_notifications']).where('id', 'like', 'cols-%').orderBy('id').execute();
    assert.deepEqual(channels, [
      { id: 'cols-1', default_notifications: 'in_app_and_email' },
      { id: 'cols-2', default_notifications: 'in_app' },
    ]);
  });
});
