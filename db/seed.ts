/**
 * `npm run db:seed` — a demo site: boards, an admin, a staff member, members, ideas with votes and
 * comments spread over the last two months. Runs once per database (it stops if the demo staff
 * account exists). Uses the same model functions as the app, without rate limits.
 */
import { boards } from "./schema";
import { runCommand } from "../app/boot.server";
import { database, db, migrateDatabase } from "../app/lib/db.server";
import { drainQueue, registerJobs } from "../app/lib/queue.server";
import { ensureDefaultBoard } from "../app/models/boards.server";
import { createUser, findUserByEmail } from "../app/models/users.server";
import { insertIdea } from "../app/models/ideas.server";
import { applyVote } from "../app/models/votes.server";
import { addComment } from "../app/models/comments.server";
import { setIdeaStatus } from "../app/models/statuses.server";
import { jobs } from "../app/jobs/index.server";

process.env.RATE_LIMIT_DISABLED = "true";

export const DEMO_PASSWORD = "loopboard demo password";

const BOARDS = [
  { slug: "integrations", name: "Integrations", description: "Connect Loopboard to the tools you already use." },
  { slug: "mobile", name: "Mobile app", description: "Ideas for the iOS and Android apps." },
];

const IDEAS: Array<[board: string, title: string, body: string]> = [
  ["feature-requests", "Dark mode", "A dark theme for the whole app, following the system setting.\n\nMy eyes thank you at night."],
  ["feature-requests", "Export ideas to CSV", "We report to leadership monthly. A CSV export of ideas with votes and status would save hours."],
  ["feature-requests", "Merge duplicate ideas", "Staff should be able to merge two ideas, keeping votes and comments of both."],
  ["feature-requests", "Custom statuses", "Let us rename statuses or add our own, e.g. *Beta*."],
  ["feature-requests", "Keyboard shortcuts", "`j`/`k` to move through ideas, `v` to vote."],
  ["feature-requests", "Right-to-left support", "Our customers write in Arabic and Hebrew. The board should lay out right to left."],
  ["feature-requests", "Private boards", "A board only signed-in customers of a given company can see."],
  ["feature-requests", "Weekly digest email", "One email a week with what moved, instead of one per change."],
  ["feature-requests", "Attach screenshots to ideas", "A picture says more than a paragraph."],
  ["feature-requests", "Vote on behalf of a customer", "Sales hears requests on calls; let staff record a vote for that customer."],
  ["feature-requests", "Slovenian translation", "Prosimo za slovenski prevod — naše stranke so večinoma iz Slovenije."],
  ["feature-requests", "Single sign-on (SAML)", "We need SSO before we can roll this out company-wide."],
  ["integrations", "Slack notifications", "Post new ideas and status changes to a Slack channel."],
  ["integrations", "Jira sync", "Link an idea to a Jira issue and move the status when the issue closes."],
  ["integrations", "GitHub issues link", "Show the linked GitHub issue and its state on the idea page."],
  ["integrations", "Zapier app", "Triggers for new idea, new vote, status change."],
  ["integrations", "Webhooks", "A signed webhook for every event, with retries."],
  ["integrations", "Intercom widget", "Let customers vote from inside our Intercom messenger."],
  ["mobile", "Offline voting", "Queue votes while on the train and send them when back online."],
  ["mobile", "Push notifications", "Tell me on my phone when an idea I voted for ships."],
  ["mobile", "Share an idea", "A share button that opens the system share sheet."],
  ["mobile", "Larger tap targets", "The vote button is hard to hit on small phones."],
];

const COMMENTS = [
  "This would help our team a lot.",
  "+1, we hit this every week.",
  "Any update on this? It is the main thing holding us back.",
  "We worked around it with a spreadsheet, but it is painful.",
  "Would this also cover the **API**?",
  "Same here — our customers ask for it constantly.",
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
      const comment = await addComment({ actor: commenter, number: idea.number, body: COMMENTS[(i + c) % COMMENTS.length] });
      commentCount++;
      if (c === 0 && random() < 0.4) {
        await addComment({ actor: staff, number: idea.number, body: "Thanks — we are looking into this.", parentId: comment.id });
        commentCount++;
      }
    }
    log(`✓ idea #${idea.number} ${title} (${voters.length + 1} votes, ${comments} comments)`);
  }
  log(`✓ ${IDEAS.length} ideas, ${voteCount + IDEAS.length} votes, ${commentCount} comments`);

  // Move some ideas along, so the roadmap and changelog have something to show.
  const moves: Array<[number, "under_review" | "planned" | "in_progress" | "shipped" | "declined", string]> = [
    [1, "shipped", "Dark mode is live for everyone. It follows your system setting; switch it under **Settings**."],
    [6, "shipped", "The board now lays out right to left for Arabic and Hebrew."],
    [13, "in_progress", "We are building the Slack app now."],
    [2, "planned", "Planned for next quarter."],
    [14, "planned", ""],
    [3, "under_review", ""],
    [17, "under_review", "Collecting use cases — tell us yours in the comments."],
    [12, "declined", "Not for now: we will revisit single sign-on after the enterprise plan launches."],
  ];
  for (const [number, status, note] of moves) {
    await setIdeaStatus({ actor: staff, number, status, note: note || undefined, notify: true });
  }
  log(`✓ ${moves.length} status changes (voters notified in the app and by email)`);
  const handled = await drainQueue(jobs);
  if (handled) log(`✓ ${handled} background jobs run`);
  log("Done. Sign in as staff@example.com or admin@example.com with the password above.");
}

await runCommand(seed);
