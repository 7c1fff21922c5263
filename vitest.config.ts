/**
 * Unit and model tests run twice, once per database driver: the `pglite` project (embedded,
 * always available) and the `postgres` project (real PostgreSQL), over the same files. Each test
 * file gets its own freshly migrated database; see tests/setup/db.ts.
 */
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig, type TestProjectInlineConfiguration, type ViteUserConfig } from "vitest/config";
import { adminDatabaseUrl } from "./tests/setup/postgres-admin";

const root = path.dirname(fileURLToPath(import.meta.url));

/** Whether something accepts TCP connections at host:port within the timeout. */
function answers(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

async function postgresAvailable(): Promise<boolean> {
  if (process.env.TEST_DATABASE_URL) return true; // asked for explicitly: a failure to connect must fail loudly
  if (await answers("127.0.0.1", 5432)) return true;
  console.log(
    "[vitest] Skipping the postgres project: TEST_DATABASE_URL is not set and nothing answers on 127.0.0.1:5432. " +
      "Start PostgreSQL or set TEST_DATABASE_URL to run the suite on both drivers.",
  );
  return false;
}

const postgresProject: TestProjectInlineConfiguration = {
  extends: true,
  test: {
    name: "postgres",
    env: { TEST_DRIVER: "postgres", TEST_DATABASE_URL: adminDatabaseUrl() },
    globalSetup: ["tests/setup/global-postgres.ts"],
  },
};

export default defineConfig(async (): Promise<ViteUserConfig> => {
  const withPostgres = await postgresAvailable();
  return {
    resolve: {
      alias: { "~": path.join(root, "app") },
    },
    test: {
      include: ["tests/unit/**/*.test.ts"],
      setupFiles: ["tests/setup/db.ts"],
      // A fresh process per test file: the database handle and the job queue live on globalThis.
      pool: "forks",
      // Sized for two cores: PGlite work is CPU-bound in the test process, Postgres work in the server.
      maxWorkers: 2,
      minWorkers: 1,
      testTimeout: 30_000,
      hookTimeout: 60_000,
      teardownTimeout: 30_000,
      projects: [
        {
          extends: true,
          test: {
            name: "pglite",
            env: { TEST_DRIVER: "pglite" },
            globalSetup: ["tests/setup/global-pglite.ts"],
          },
        },
        ...(withPostgres ? [postgresProject] : []),
      ],
    },
  };
});
