/** The database `npm run bench` loaded, for the scripts that measure against it (profile, compare, floor). */
import postgres from "postgres";
import { SIZES } from "./load-data";

/** BENCH_DATABASE_URL (local only) and a one-connection client, once its data is known to be loaded. */
export async function openLoadedBenchDatabase(): Promise<{ databaseUrl: string; sql: postgres.Sql }> {
  const databaseUrl = process.env.BENCH_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/loopboard_bench";
  if (!["127.0.0.1", "localhost"].includes(new URL(databaseUrl).hostname)) throw new Error("the benchmark database must be local");
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const [{ n }] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM ideas WHERE id <= ${SIZES.ideas}`.catch(() => [{ n: 0 }]);
  if (n !== SIZES.ideas) {
    await sql.end();
    throw new Error(`${databaseUrl} is not loaded: run \`npm run bench -- --only board\` first`);
  }
  return { databaseUrl, sql };
}
