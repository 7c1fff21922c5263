/**
 * `npm run db:seed` — a demo site: boards, an admin, a staff member, members, ideas with votes and
 * comments spread over the last two months. Runs once per database (it stops if the demo staff
 * account exists). Uses the same model functions as the app, without rate limits.
 */
import { asc, eq } from "drizzle-orm";
import { boards, ideas } from "./schema";
import { runCommand } from "../app/boot.server";
import { database, db, migrateDatabase } from "../app/lib/db.server";
import { drainQueue, registerJobs } from "../app/lib/queue.server";
import { ensureDefaultBoard } from "../app/models/boards.server";
import { createUser, findUserByEmail } from "../app/models/users.server";
import { insertIdea } from "../app/models/ideas.server";
import { applyVote } from "../app/models/votes.server";
import { addComment } from "../app/models/comments.server";
import { setIdeaStatus } from "../app/models/statuses.server";
import { listFactors, setIdeaScores } from "../app/models/priorities.server";
import { jobs } from "../app/jobs/index.server";
import { COMMENTS, COMMENTS_AR, DEMO_PASSWORD, IDEAS, STATUS_MOVES } from "./demo-content";

process.env.RATE_LIMIT_DISABLED = "true";


const BOARDS = [
  { slug: "integrations", name: "Integrations", description: "Connect Loopboard to the tools you already use." },
  { slug: "mobile", name: "Mobile app", description: "Ideas for the iOS and Android apps." },
  { slug: "arabic", name: "اقتراحات العملاء", description: "ملاحظات العملاء واقتراحاتهم بالعربية." },
];

function log(message: string) {
  process.stdout.write(`${message}\n`);
}

// A small deterministic generator, so every seeded site looks the same.
let state = 42;
const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

async function seed() {
  const handle = database();
  log(`Seeding ${handle.driver === "postgres" ? "PostgreSQL" : "the embedded database"}…`);
  await migrateDatabase(handle);
  registerJobs(jobs);
  if (await findUserByEmail("staff@example.com")) {
    log("This database already has the demo data (staff@example.com exists). Nothing to do.");
    return;
  }

  await ensureDefaultBoard();
  for (const board of BOARDS) await db.insert(boards).values(board).onConflictDoNothing();
  const boardIds = new Map((await db.select({ id: boards.id, slug: boards.slug }).from(boards)).map((b) => [b.slug, b.id]));
  log(`✓ boards: ${[...boardIds.keys()].join(", ")}`);

  const admin = await createUser({ email: "admin@example.com", name: "Avery Admin", role: "admin", password: DEMO_PASSWORD });
  const staff = await createUser({ email: "staff@example.com", name: "Sam Staff", role: "staff", password: DEMO_PASSWORD });
  const members = [];
  const names = ["Ana", "Bojan", "Chen", "Dalia", "Eero", "Fatima", "Goran", "Hana", "Ivo", "Jana", "Karim", "Lea", "Mateja", "Nour", "Omar", "Petra", "Rania", "Saša", "Tina", "Youssef"];
  for (const [i, name] of names.entries()) {
    members.push(await createUser({ email: `member${i + 1}@example.com`, name: `${name} ${String.fromCharCode(65 + (i % 26))}.`, password: DEMO_PASSWORD }));
  }
  log(`✓ people: ${admin.email} (admin), ${staff.email} (staff), ${members.length} members (member1…${members.length}@example.com) — password "${DEMO_PASSWORD}"`);

  const now = Date.now();
  let voteCount = 0;
  let commentCount = 0;
  for (const [i, [board, title, body]] of IDEAS.entries()) {
    const author = members[i % members.length];
    const createdAt = new Date(now - (IDEAS.length - i) * 2.5 * 86_400_000);
    const idea = await insertIdea(db, { authorId: author.id, boardId: boardIds.get(board)!, title, body, createdAt });
    const voters = members.filter(() => random() < 0.15 + (i % 5) * 0.12);
    for (const voter of voters) {
      const at = new Date(createdAt.getTime() + random() * (now - createdAt.getTime()));
      const result = await applyVote(db, { ideaId: idea.id, userId: voter.id, voted: true, at });
      if (result?.changed) voteCount++;
    }
    const comments = Math.floor(random() * 4);
    for (let c = 0; c < comments; c++) {
      const commenter = members[(i + c * 7 + 3) % members.length];
      const comment = await addComment({ actor: commenter, number: idea.number, body: board === "arabic" ? COMMENTS_AR[(i + c) % COMMENTS_AR.length] : COMMENTS[(i + c) % COMMENTS.length] });
      commentCount++;
      if (c === 0 && random() < 0.4) {
        await addComment({ actor: staff, number: idea.number, body: board === "arabic" ? "شكرًا، نحن ندرس الأمر." : "Thanks — we are looking into this.", parentId: comment.id });
        commentCount++;
      }
    }
    log(`✓ idea #${idea.number} ${title} (${voters.length + 1} votes, ${comments} comments)`);
  }
  log(`✓ ${IDEAS.length} ideas, ${voteCount + IDEAS.length} votes, ${commentCount} comments`);

  // Move some ideas along, so the roadmap and changelog have something to show.
  for (const [number, status, note] of STATUS_MOVES) {
    await setIdeaStatus({ actor: staff, number, status, note: note || undefined, notify: true });
  }
  log(`✓ ${STATUS_MOVES.length} status changes (voters notified in the app and by email)`);

  // Staff scored some open ideas, so the priorities view and its matrix have something to show.
  const factors = await listFactors();
  const impactId = factors.find((f) => f.kind === "impact")!.id;
  const effortId = factors.find((f) => f.kind === "effort")!.id;
  const open = (await db.select({ number: ideas.number }).from(ideas).where(eq(ideas.status, "open")).orderBy(asc(ideas.number))).slice(0, 10);
  for (const { number } of open) {
    const scores = { [impactId]: 1 + Math.floor(random() * 10), [effortId]: 1 + Math.floor(random() * 10) };
    await setIdeaScores({ actor: staff, number, raw: { scores }, locale: "en" });
  }
  log(`✓ ${open.length} open ideas scored on impact and effort`);
  const handled = await drainQueue(jobs);
  if (handled) log(`✓ ${handled} background jobs run`);
  log("Done. Sign in as staff@example.com or admin@example.com with the password above.");
}

await runCommand(seed);
