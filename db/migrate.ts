import { closeDatabase, database, migrateDatabase } from "../app/lib/db.server";

try {
  const handle = database();
  const where = handle.driver === "postgres" ? `PostgreSQL database "${new URL(handle.url).pathname.slice(1)}"` : `embedded PGlite (${handle.url})`;
  console.log(`Migrating ${where}…`);
  await migrateDatabase(handle);
  console.log("Migrations applied.");
} catch (e) {
  console.error((e as Error).message);
  process.exitCode = 1;
} finally {
  await closeDatabase();
}
