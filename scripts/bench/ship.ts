/**
 * The "close the loop" benchmark: a staff member marks an idea with 100,000 voters as shipped.
 * Measured: the PATCH request's latency, the time until all 100,000 in-app notifications exist,
 * the email rate at a counting SMTP sink, and the peak memory of the separate worker process
 * (web server with WORKER_IN_APP=false + `npm run worker`). Also the roadmap page with 500
 * planned ideas under load.
 */
import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { explainFanOut, explainRoadmap, type PlanCheck } from "./explain";
import { prepareShipData, ROADMAP_PLANNED, SHIP_SLUG, STAFF_ID, STAFF_TOKEN } from "./load-data";
import { describeLoad, runLoad, type LoadResult } from "./load-test";
import { serverAndDatabaseCpu } from "./board";
import { cpuBetween, processCpuMs, readMemory, ROOT, startServer, startWorker, tempDataDir, type Child } from "./processes";
import { BUDGETS, verdict } from "./report";
import { startCountingSink, type CountingSink } from "./smtp-sink";

export interface ShipResults {
  prepareSeconds: number;
  ideaNumber: number;
  followers: number;
  patch: { status: number; latencyMs: number; warmupLatencyMs: number | null } | null;
  notifications: {
    expected: number;
    created: number;
    seconds: number | null;
    fanOutDoneSeconds: number | null;
    /** Fan-out transactions, timed by their rows' created_at (each batch's transaction start). */
    batches: { count: number; medianMs: number; p90Ms: number; maxMs: number } | null;
  } | null;
  emails: {
    expected: number;
    received: number;
    duplicates: number;
    bytes: number;
    firstAfterSeconds: number | null;
    lastAfterSeconds: number | null;
    /** Messages per second between the first and the last message. */
    ratePerSecond: number | null;
    /** Messages per second from the PATCH to the last message. */
    overallRatePerSecond: number | null;
    complete: boolean;
    windowSeconds: number;
    deliveryStates: Record<string, number>;
    peakSecond: number;
  } | null;
  worker: { peakRssMb: number; vmHwmMb: number; idleRssMb: number; cpuSeconds: number; postgresCpuSeconds: number; seconds: number } | null;
  roadmap: LoadResult | { notMeasurable: string };
  roadmapPlans: PlanCheck[];
  fanOutPlans: PlanCheck[];
  notRun: string[];
  serverErrors: string[];
  workerErrors: string[];
}

export interface ShipOptions {
  databaseUrl: string;
  buildDir: string;
  port: number;
  durationSeconds: number;
  connections: number;
  /** Longest wait for the emails after the PATCH. */
  emailWindowSeconds: number;
  /** WEB_CONCURRENCY for the web server (default 1). */
  webConcurrency?: number;
  /** ANON_CACHE_TTL_MS for the web server (default: the server's own). */
  anonCacheTtlMs?: number;
  log: (line: string) => void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runShipBenchmark(options: ShipOptions): Promise<ShipResults> {
  const { log } = options;
  const origin = `http://127.0.0.1:${options.port}`;
  const notRun: string[] = [];

  log(`  preparing: ${ROADMAP_PLANNED} planned ideas, one idea with 100,000 voters`);
  const ship = await prepareShipData(options.databaseUrl, (line) => log(`  ${line}`));
  const sql = postgres(options.databaseUrl, { max: 2, onnotice: () => {} });
  const dataDir = tempDataDir("ship");
  let server: Child | undefined;
  let worker: Child | undefined;
  let sink: CountingSink | undefined;
  const results: ShipResults = {
    prepareSeconds: ship.seconds,
    ideaNumber: ship.ideaNumber,
    followers: 0,
    patch: null,
    notifications: null,
    emails: null,
    worker: null,
    roadmap: { notMeasurable: "not run" },
    roadmapPlans: [],
    fanOutPlans: [],
    notRun,
    serverErrors: [],
    workerErrors: [],
  };
  try {
    const [{ n: followers }] = await sql<{ n: number }[]>`
      SELECT count(*)::int AS n FROM (
        SELECT author_id AS user_id FROM ideas WHERE id = ${ship.ideaId}
        UNION SELECT user_id FROM votes WHERE idea_id = ${ship.ideaId}
        UNION SELECT author_id FROM comments WHERE idea_id = ${ship.ideaId}
        UNION SELECT user_id FROM subscriptions WHERE idea_id = ${ship.ideaId} AND state = 'following'
      ) f WHERE user_id <> ${STAFF_ID}`;
    results.followers = followers;

    log(`  EXPLAIN of the fan-out's follower query`);
    results.fanOutPlans = await explainFanOut(options.databaseUrl, { ideaId: ship.ideaId, voters: ship.voters });
    for (const p of results.fanOutPlans) {
      log(`     ${p.pass ? "PASS" : "FAIL"}  ${p.name.padEnd(52)} ${p.executionMs?.toFixed(2)} ms, ${p.rowsRead} rows read  ${p.scans.join(", ")}`);
    }

    sink = await startCountingSink();
    log(`  counting SMTP sink on ${sink.url}; server on ${origin} with WORKER_IN_APP=false`);
    const appEnv = { databaseUrl: options.databaseUrl, port: options.port, dataDir, smtpUrl: sink.url, workerInApp: false, webConcurrency: options.webConcurrency, anonCacheTtlMs: options.anonCacheTtlMs };
    server = await startServer(options.buildDir, appEnv);

    // The roadmap first, while nothing else runs.
    const roadmapStatus = (await fetch(`${origin}/roadmap`, { redirect: "manual", signal: AbortSignal.timeout(30_000) })).status;
    if (roadmapStatus === 200) {
      log(`  roadmap  GET /roadmap with ${ROADMAP_PLANNED} planned ideas  (${options.durationSeconds} s, ${options.connections} connections)`);
      const roadmap = await runLoad({
        name: "roadmap",
        origin,
        path: "/roadmap",
        durationSeconds: options.durationSeconds,
        connections: options.connections,
        warmupSeconds: 3,
        cpuMeters: serverAndDatabaseCpu(server, sql),
      });
      results.roadmap = roadmap;
      log(`     ${describeLoad(roadmap)}  ${verdict(BUDGETS.roadmap.check(roadmap))}`);
      results.roadmapPlans = await explainRoadmap(options.databaseUrl);
      for (const p of results.roadmapPlans) {
        log(`     ${p.pass ? "PASS" : "FAIL"}  ${p.name.padEnd(52)} ${p.executionMs?.toFixed(2)} ms, ${p.rowsRead} rows read  ${p.scans.join(", ")}`);
      }
    } else {
      results.roadmap = { notMeasurable: `GET /roadmap answered ${roadmapStatus}` };
      notRun.push(`roadmap: GET /roadmap answered ${roadmapStatus} (the page is not there yet)`);
      log(`  roadmap: GET /roadmap answered ${roadmapStatus}: not measurable yet`);
    }

    if (!fs.existsSync(path.join(ROOT, "scripts/worker.ts"))) {
      notRun.push("fan-out and email: scripts/worker.ts does not exist yet");
      return results;
    }
    worker = await startWorker(appEnv);
    const idle = readMemory(worker.pid);
    log(`  worker started (pid ${worker.pid}, ${idle?.rssMb.toFixed(0)} MB resident)`);

    const patch = (number: number, body: unknown) =>
      fetch(`${origin}/api/v1/ideas/${number}/status`, {
        method: "PATCH",
        signal: AbortSignal.timeout(30_000),
        headers: { authorization: `Bearer ${STAFF_TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });

    // Warm-up: a quiet status change on another idea exercises the same route and transaction.
    const [warm] = await sql<{ number: number }[]>`SELECT number FROM ideas WHERE status = 'open' ORDER BY id LIMIT 1`;
    let warmupLatencyMs: number | null = null;
    if (warm) {
      const t = performance.now();
      const response = await patch(warm.number, { status: "under_review", note: "Looking into it.", notify: false });
      warmupLatencyMs = performance.now() - t;
      await response.text();
      if (response.status === 404) {
        notRun.push("fan-out and email: PATCH /api/v1/ideas/:number/status answered 404 (endpoint not there yet)");
        return results;
      }
    }

    const databaseCpu = serverAndDatabaseCpu(server, sql).postgres;
    const cpuBefore = { worker: processCpuMs(worker.pid) ?? 0, postgres: await databaseCpu(), at: performance.now() };
    let peakRss = idle?.rssMb ?? 0;
    const sampler = setInterval(() => {
      const m = worker && readMemory(worker.pid);
      if (m) peakRss = Math.max(peakRss, m.rssMb);
    }, 200);
    try {
      sink.reset();
      log(`  PATCH /api/v1/ideas/${ship.ideaNumber}/status {status: "shipped"} as staff (${followers.toLocaleString("en")} followers)`);
      const patchedAt = performance.now();
      const response = await patch(ship.ideaNumber, { status: "shipped", note: "Offline mode is out in **version 4.2**: download the update from the website." });
      const latencyMs = performance.now() - patchedAt;
      const body = (await response.json().catch(() => null)) as { statusChange?: { id: number } } | null;
      results.patch = { status: response.status, latencyMs, warmupLatencyMs };
      log(`     ${response.status} in ${latencyMs.toFixed(0)} ms  ${verdict(BUDGETS.patch.check(results.patch))}`);
      if (!response.ok || !body?.statusChange) throw new Error(`PATCH answered ${response.status}: ${JSON.stringify(body)}`);

      const [event] = await sql<{ id: number }[]>`SELECT id FROM notification_events WHERE status_change_id = ${body.statusChange.id}`;
      if (!event) throw new Error("the status change recorded no notification event");

      // In-app notifications: poll until every follower has one.
      const notifyDeadline = patchedAt + Math.max(60, options.emailWindowSeconds) * 1000;
      let created = 0;
      let notificationsSeconds: number | null = null;
      let fanOutDoneSeconds: number | null = null;
      let lastReport = 0;
      while (performance.now() < notifyDeadline) {
        const [row] = await sql<{ n: number; done: boolean }[]>`
          SELECT (SELECT count(*)::int FROM notifications WHERE event_id = ${event.id}) AS n,
                 (SELECT fan_out_done_at IS NOT NULL FROM notification_events WHERE id = ${event.id}) AS done`;
        created = row.n;
        const elapsed = (performance.now() - patchedAt) / 1000;
        if (row.done && fanOutDoneSeconds === null) fanOutDoneSeconds = elapsed;
        if (created >= followers) {
          notificationsSeconds = elapsed;
          break;
        }
        if (row.done) break; // finished short of the expected count
        if (elapsed - lastReport >= 5) {
          lastReport = elapsed;
          log(`     ${elapsed.toFixed(0)} s: ${created.toLocaleString("en")} notifications, ${sink.stats.messages.toLocaleString("en")} emails`);
        }
        await sleep(250);
      }
      const gaps = await sql<{ ms: number }[]>`
        SELECT extract(epoch FROM lead(at) OVER (ORDER BY at) - at)::float8 * 1000 AS ms
        FROM (SELECT DISTINCT created_at AS at FROM notifications WHERE event_id = ${event.id}) b`;
      const durations = gaps.map((g) => g.ms).filter((ms): ms is number => ms !== null).sort((a, b) => a - b);
      const quantile = (q: number) => durations[Math.min(durations.length - 1, Math.floor(q * durations.length))];
      const batches = durations.length ? { count: durations.length + 1, medianMs: quantile(0.5), p90Ms: quantile(0.9), maxMs: durations[durations.length - 1] } : null;
      results.notifications = { expected: followers, created, seconds: notificationsSeconds, fanOutDoneSeconds, batches };
      log(
        `     in-app notifications: ${created.toLocaleString("en")} / ${followers.toLocaleString("en")}` +
          (notificationsSeconds !== null ? ` after ${notificationsSeconds.toFixed(1)} s` : " (incomplete)") +
          `  ${verdict(BUDGETS.notifications.check(results.notifications))}`,
      );
      if (batches) log(`     fan-out: ${batches.count} batches, median ${batches.medianMs.toFixed(0)} ms, p90 ${batches.p90Ms.toFixed(0)} ms, max ${batches.maxMs.toFixed(0)} ms`);

      // Emails: until all arrived, the window closes, or nothing arrives for 30 s.
      const emailDeadline = patchedAt + options.emailWindowSeconds * 1000;
      let lastCount = -1;
      let lastProgress = performance.now();
      while (performance.now() < emailDeadline && sink.stats.messages < followers) {
        if (sink.stats.messages !== lastCount) {
          lastCount = sink.stats.messages;
          lastProgress = performance.now();
        } else if (performance.now() - lastProgress > 30_000) break;
        const elapsed = (performance.now() - patchedAt) / 1000;
        if (elapsed - lastReport >= 10) {
          lastReport = elapsed;
          log(`     ${elapsed.toFixed(0)} s: ${sink.stats.messages.toLocaleString("en")} emails`);
        }
        await sleep(250);
      }
      const s = sink.stats;
      const states = await sql<{ state: string; n: number }[]>`
        SELECT state::text, count(*)::int AS n FROM email_deliveries WHERE event_id = ${event.id} GROUP BY state ORDER BY state`;
      const span = s.firstAt !== null && s.lastAt !== null ? (s.lastAt - s.firstAt) / 1000 : null;
      results.emails = {
        expected: followers,
        received: s.messages,
        duplicates: s.duplicates,
        bytes: s.bytes,
        firstAfterSeconds: s.firstAt !== null ? (s.firstAt - patchedAt) / 1000 : null,
        lastAfterSeconds: s.lastAt !== null ? (s.lastAt - patchedAt) / 1000 : null,
        ratePerSecond: span && span > 0 ? (s.messages - 1) / span : null,
        overallRatePerSecond: s.lastAt !== null ? s.messages / ((s.lastAt - patchedAt) / 1000) : null,
        complete: s.messages >= followers,
        windowSeconds: options.emailWindowSeconds,
        deliveryStates: Object.fromEntries(states.map((r) => [r.state, r.n])),
        peakSecond: Math.max(0, ...s.perSecond.filter((n) => typeof n === "number")),
      };
      const e = results.emails;
      log(
        `     emails: ${e.received.toLocaleString("en")} / ${e.expected.toLocaleString("en")} received` +
          `${e.complete ? "" : ` (window of ${e.windowSeconds} s closed)`}, ${e.ratePerSecond?.toFixed(0) ?? "—"} msg/s ` +
          `(first after ${e.firstAfterSeconds?.toFixed(1) ?? "—"} s, peak ${e.peakSecond}/s), duplicates ${e.duplicates}, ` +
          `${(e.bytes / e.received / 1024 || 0).toFixed(1)} KB each  ${verdict(BUDGETS.emailRate.check(e))}`,
      );
      log(`     email_deliveries: ${Object.entries(e.deliveryStates).map(([k, v]) => `${k} ${v.toLocaleString("en")}`).join(", ")}`);
    } finally {
      clearInterval(sampler);
      const final = readMemory(worker.pid);
      const workerCpu = (processCpuMs(worker.pid) ?? cpuBefore.worker) - cpuBefore.worker;
      const postgresCpu = cpuBetween(cpuBefore.postgres, await databaseCpu());
      results.worker = {
        peakRssMb: Math.max(peakRss, final?.rssMb ?? 0),
        vmHwmMb: final?.peakMb ?? 0,
        idleRssMb: idle?.rssMb ?? 0,
        cpuSeconds: workerCpu / 1000,
        postgresCpuSeconds: postgresCpu / 1000,
        seconds: (performance.now() - cpuBefore.at) / 1000,
      };
      const w = results.worker;
      log(`     worker memory: peak ${w.vmHwmMb.toFixed(0)} MB (VmHWM), ${w.peakRssMb.toFixed(0)} MB sampled, ${w.idleRssMb.toFixed(0)} MB idle`);
      log(`     CPU over ${w.seconds.toFixed(0)} s: worker ${w.cpuSeconds.toFixed(1)} s, PostgreSQL ${w.postgresCpuSeconds.toFixed(1)} s` +
        (results.emails?.received ? ` (${((w.cpuSeconds * 1000) / results.emails.received).toFixed(2)} ms worker + ${((w.postgresCpuSeconds * 1000) / results.emails.received).toFixed(2)} ms PostgreSQL per email, fan-out included)` : ""));
    }
    return results;
  } catch (error) {
    if (server) log(`  server output:\n${server.logs.slice(-30).join("\n")}`);
    if (worker) log(`  worker output:\n${worker.logs.slice(-30).join("\n")}`);
    throw error;
  } finally {
    results.serverErrors = server ? [...server.errorLines] : [];
    results.workerErrors = worker ? [...worker.errorLines] : [];
    await worker?.stop();
    await server?.stop();
    await sink?.close();
    // Mail still queued when the window closed would otherwise be sent by the next run's server
    // (its in-app worker) while that run measures something else. The idea goes, and with it
    // (ON DELETE CASCADE) its events, notifications and email deliveries; the next run makes
    // it again.
    await sql`DELETE FROM ideas WHERE slug = ${SHIP_SLUG}`.catch((error) => log(`  could not remove the ship idea: ${(error as Error).message}`));
    // Its send jobs that never started would now find nothing to send, but a worker takes them one
    // per poll per loop, about 4 a second: the next run's mail would wait behind a hundred of them.
    await sql`DELETE FROM pgboss.job
              WHERE name = 'send-notification-emails' AND state IN ('created', 'retry')
                AND NOT EXISTS (SELECT 1 FROM notification_events e WHERE e.id = (data->>'eventId')::int)`.catch((error) =>
      log(`  could not remove the ship idea's queued send jobs: ${(error as Error).message}`),
    );
    await sql.end({ timeout: 5 });
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
