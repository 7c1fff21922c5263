/**
 * A second process for lock tests: opens the embedded database in $DATA_DIR, prints "ready",
 * and holds it until a line arrives on stdin (or stdin closes), then closes it and exits.
 *
 *   node --import tsx tests/setup/hold-database.ts
 */
import { openDatabase } from "../../app/lib/db.server";

const handle = openDatabase("");
await handle.executeSql("SELECT 1");
process.stdout.write("ready\n");
await new Promise<void>((resolve) => {
  process.stdin.once("data", () => resolve());
  process.stdin.once("end", () => resolve());
});
await handle.close();
process.stdout.write("closed\n");
