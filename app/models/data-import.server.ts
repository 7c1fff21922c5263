/**
 * Importing ideas, votes, comments and statuses from a CSV file (Canny's or Fider's export, or
 * any CSV mapped column by column). Every row is checked first; then everything is written in one
 * transaction, so a row the database refuses leaves nothing behind. Each idea and comment is
 * recorded with the id it had there (imported_records): running the same file again adds nothing
 * twice, and a later file of votes or comments finds the ideas an earlier one brought. Voters
 * become people the way votes on a customer's behalf do (a contact when there is no account), and
 * so follow what they voted for. Nothing is announced: no notification or email is written.
 * See docs/import.md and docs/decisions/0026-import-export.md.
 */
import { sql } from "drizzle-orm";
import { slugify } from "../idea-links";
import type { SessionUser } from "../lib/auth.server";
import { db, queryRows, type Executor } from "../lib/db.server";
import { forbidden, unauthorized } from "../lib/errors.server";
import { renderMarkdown, RENDERER_VERSION } from "../lib/markdown.server";
import { canImportData } from "../permissions";
import { DEFAULT_BOARD } from "./boards.server";
import { insertIdea } from "./ideas.server";
import type { ImportCounts } from "../shapes";
import { importProblem, readImportFile, type ImportField, type ImportFormat, type ImportProblem, type ImportRow } from "./import-rows.server";
import { applyVote } from "./votes.server";
import { personForEmail } from "./votes-on-behalf.server";

export type { ImportCounts } from "../shapes";

export type ImportOutcome =
  | { ok: true; dryRun: boolean; counts: ImportCounts; ignoredColumns: string[]; preview: ImportRow[] }
  | { ok: false; problems: ImportProblem[] };

/** How many of the file's first rows an outcome carries, for a page to show. */
export const PREVIEW_ROWS = 10;

class RowFailed extends Error {
  constructor(readonly problem: ImportProblem) {
    super(problem.message);
  }
}
class DryRunDone extends Error {
  constructor(readonly counts: ImportCounts) {
    super("dry run");
  }
}

/**
 * Imports `text` in `format` (admins). With `dryRun`, everything is written and then rolled back,
 * so the counts are what a real run would do. `onProgress(done, total)` is called after each row.
 */
export async function importData(input: {
  actor: SessionUser | null;
  text: string;
  format: ImportFormat;
  mapping?: Record<string, ImportField>;
  dryRun?: boolean;
  onProgress?: (done: number, total: number) => void;
}): Promise<ImportOutcome> {
  const { actor } = input;
  if (!actor) throw unauthorized();
  if (!canImportData(actor)) throw forbidden();
  const read = readImportFile(input.text, input.format, input.mapping);
  if (!read.ok) return read;
  const source = input.format;
  const preview = read.rows.slice(0, PREVIEW_ROWS);
  const missing = await unknownIdeas(source, read.rows);
  if (missing.length > 0) return { ok: false, problems: missing };
  try {
    const counts = await db.transaction(async (tx) => {
      const writer = new Writer(tx, source, actor.id);
      let done = 0;
      // Ideas first, so a vote or comment may come before its idea in the file.
      const rows = [...read.rows.filter((r) => r.type === "idea"), ...read.rows.filter((r) => r.type !== "idea")];
      for (const row of rows) {
        try {
          await writer.write(row);
        } catch (error) {
          throw error instanceof RowFailed ? error : new RowFailed(importProblem(row.line, "refused", { detail: (error as Error).message }));
        }
        input.onProgress?.(++done, rows.length);
      }
      const counts = { ...writer.counts, people: writer.peopleMet };
      if (input.dryRun) throw new DryRunDone(counts);
      return counts;
    });
    return { ok: true, dryRun: false, counts, ignoredColumns: read.ignored, preview };
  } catch (error) {
    if (error instanceof DryRunDone) return { ok: true, dryRun: true, counts: error.counts, ignoredColumns: read.ignored, preview };
    if (error instanceof RowFailed) return { ok: false, problems: [error.problem] };
    throw error;
  }
}

/** Votes and comments whose idea is neither in the file nor brought in by an earlier import. */
async function unknownIdeas(source: string, rows: ImportRow[]): Promise<ImportProblem[]> {
  const inFile = new Set(rows.flatMap((r) => (r.type === "idea" ? [r.id] : [])));
  const asked = [...new Set(rows.flatMap((r) => (r.type !== "idea" && !inFile.has(r.idea) ? [r.idea] : [])))];
  if (asked.length === 0) return [];
  const known = new Set(
    (
      await queryRows<{ external_id: string }>(
        db,
        sql`SELECT external_id FROM imported_records
            WHERE source = ${source} AND kind = 'idea' AND external_id IN (SELECT jsonb_array_elements_text(${JSON.stringify(asked)}::jsonb))`,
      )
    ).map((r) => r.external_id),
  );
  return rows
    .flatMap((r) => (r.type !== "idea" && !inFile.has(r.idea) && !known.has(r.idea) ? [importProblem(r.line, "unknownIdea", { id: r.idea })] : []))
    .slice(0, 50);
}

/** Writes rows inside one transaction, remembering the boards, people and ideas it has met. */
class Writer {
  counts: ImportCounts = { ideas: 0, votes: 0, comments: 0, unchanged: 0, boards: 0, statuses: 0, people: 0, contacts: 0 };
  private boards = new Map<string, number>();
  private people = new Map<string, number>();
  private ideas = new Map<string, number | null>();

  constructor(private tx: Executor, private source: string, private actorId: number) {}

  get peopleMet(): number {
    return this.people.size;
  }

  async write(row: ImportRow): Promise<void> {
    if (row.type === "idea") return this.idea(row);
    const ideaId = await this.ideaId(row.idea);
    if (ideaId === undefined) throw new RowFailed(importProblem(row.line, "unknownIdea", { id: row.idea }));
    if (ideaId === null) throw new RowFailed(importProblem(row.line, "deletedIdea", { id: row.idea }));
    if (row.type === "vote") return this.vote(ideaId, row.email, row.name, row.createdAt);
    return this.comment(ideaId, row);
  }

  private async idea(row: Extract<ImportRow, { type: "idea" }>) {
    const known = await this.ideaId(row.id);
    let ideaId: number | null;
    if (known !== undefined) {
      ideaId = known;
      this.counts.unchanged++;
    } else {
      const authorId = row.email ? await this.person(row.email, row.name) : this.actorId;
      const created = await insertIdea(this.tx, { authorId, boardId: await this.board(row.board), title: row.title, body: row.body, createdAt: row.createdAt ?? undefined });
      ideaId = created.id;
      // Seen where it came from: it does not wait in the triage inbox. A status other than open is on its record, told to nobody.
      await this.tx.execute(sql`UPDATE ideas SET triaged_at = now(), status = ${row.status}::idea_status,
        status_changed_at = CASE WHEN ${row.status} = 'open' THEN NULL ELSE now() END WHERE id = ${ideaId}::int`);
      if (row.status !== "open") {
        await this.tx.execute(sql`INSERT INTO status_changes (idea_id, actor_id, from_status, to_status, notified) VALUES (${ideaId}::int, ${this.actorId}::int, 'open', ${row.status}::idea_status, false)`);
        this.counts.statuses++;
      }
      await this.remember("idea", row.id, ideaId);
      this.ideas.set(row.id, ideaId);
      this.counts.ideas++;
    }
    if (ideaId === null) return;
    for (const voter of row.voters) await this.vote(ideaId, voter, null, null);
  }

  private async vote(ideaId: number, email: string, name: string | null, at: Date | null) {
    const result = await applyVote(this.tx, { ideaId, userId: await this.person(email, name), voted: true, at: at ?? undefined });
    if (result?.changed) this.counts.votes++;
    else this.counts.unchanged++;
  }

  private async comment(ideaId: number, row: Extract<ImportRow, { type: "comment" }>) {
    const [known] = await queryRows(this.tx, sql`SELECT 1 FROM imported_records WHERE source = ${this.source} AND kind = 'comment' AND external_id = ${row.id}`);
    if (known) {
      this.counts.unchanged++;
      return;
    }
    const authorId = row.email ? await this.person(row.email, row.name) : this.actorId;
    const [inserted] = await queryRows<{ id: number }>(
      this.tx,
      sql`WITH inserted AS (
            INSERT INTO comments (idea_id, author_id, body, body_html, html_version, is_staff, created_at, updated_at)
            SELECT ${ideaId}::int, u.id, ${row.body}, ${renderMarkdown(row.body)}, ${RENDERER_VERSION}, u.role IN ('admin', 'staff'),
                   coalesce(${row.createdAt?.toISOString() ?? null}::timestamptz, now()), coalesce(${row.createdAt?.toISOString() ?? null}::timestamptz, now())
            FROM users u WHERE u.id = ${authorId}::int
            RETURNING id
          ),
          counted AS (UPDATE ideas SET comment_count = comment_count + 1 WHERE id = ${ideaId}::int)
          SELECT id FROM inserted`,
    );
    await this.remember("comment", row.id, Number(inserted.id));
    this.counts.comments++;
  }

  /** The idea brought in as `externalId` (undefined: never; null: imported, deleted since). */
  private async ideaId(externalId: string): Promise<number | null | undefined> {
    if (this.ideas.has(externalId)) return this.ideas.get(externalId);
    const [row] = await queryRows<{ id: number | null }>(
      this.tx,
      sql`SELECT i.id FROM imported_records r LEFT JOIN ideas i ON i.id = r.record_id WHERE r.source = ${this.source} AND r.kind = 'idea' AND r.external_id = ${externalId}`,
    );
    const id = row ? (row.id === null ? null : Number(row.id)) : undefined;
    if (id !== undefined) this.ideas.set(externalId, id);
    return id;
  }

  private async remember(kind: "idea" | "comment", externalId: string, recordId: number) {
    await this.tx.execute(sql`INSERT INTO imported_records (source, kind, external_id, record_id) VALUES (${this.source}, ${kind}, ${externalId}, ${recordId}::int)`);
  }

  private async person(email: string, name: string | null): Promise<number> {
    let id = this.people.get(email);
    if (id === undefined) {
      const [known] = await queryRows(this.tx, sql`SELECT 1 FROM users WHERE email = ${email}`);
      if (!known) this.counts.contacts++;
      id = (await personForEmail(this.tx, email, name ?? undefined)).id;
      this.people.set(email, id);
    }
    return id;
  }

  /** The board named (by slug or name, created when there is none); the default board when none is named. */
  private async board(named: string | null): Promise<number> {
    const key = named ?? "";
    const cached = this.boards.get(key);
    if (cached !== undefined) return cached;
    // Everything here goes through the transaction: the embedded database has one connection.
    const { slug, name, description } = named ? { slug: slugify(named) || "imported", name: named, description: "" } : DEFAULT_BOARD;
    const [found] = await queryRows<{ id: number }>(this.tx, sql`SELECT id FROM boards WHERE slug = ${slug} OR lower(name) = lower(${name}) ORDER BY id LIMIT 1`);
    let id = found ? Number(found.id) : undefined;
    if (id === undefined) {
      const [created] = await queryRows<{ id: number }>(this.tx, sql`INSERT INTO boards (slug, name, description) VALUES (${slug}, ${name}, ${description}) RETURNING id`);
      id = Number(created.id);
      this.counts.boards++;
    }
    this.boards.set(key, id);
    return id;
  }
}
