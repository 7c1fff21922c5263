/** `npm run db:migrate`: applies every committed migration to the database DATABASE_URL names (or the embedded one). */
import { runCommand } from "../app/boot.server";
import { database, migrateDatabase } from "../app/lib/db.server";

await runCommand(async () => {
  const handle = database();
  const where = handle.driver === "postgres" ? `PostgreSQL database "${new URL(handle.url).pathname.slice(1)}"` : `embedded PGlite (${handle.url})`;
  console.log(`Migrating ${where}…`);
  await migrateDatabase(handle);
  console.log("Migrations applied.");
});
