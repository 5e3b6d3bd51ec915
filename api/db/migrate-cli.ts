import { migrateToLatest, openDatabase } from './connect.ts';

/** `npm run migrate`: bring DATABASE_URL's schema to the latest migration and say what ran. */
const databaseUrl = process.env.DATABASE_URL ?? `sqlite:${process.env.DATA_DIR ?? './data'}/claimdesk.sqlite`;
try {
  const db = openDatabase(databaseUrl);
  try {
    const { results = [] } = await migrateToLatest(db);
    if (results.length === 0) console.log(`${databaseUrl}: already up to date`);
    for (const r of results) console.log(`${databaseUrl}: ${r.migrationName} ${r.status}`);
  } finally {
    await db.destroy();
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
