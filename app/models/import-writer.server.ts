/**
 * Writing checked import rows, a batch at a time, inside the import's one transaction: each batch
 * of up to IMPORT_BATCH rows costs a handful of statements (people, ideas, votes, comments)
 * whatever its size, so a file of a million votes is written in minutes, not hours, and only one
 * batch is ever held in memory. What a row means is what a single write would mean: ideas are
 * posted with their author's vote, voters become people as votes on a customer's behalf do (a
 * contact when there is no account) and follow what they voted for, counters move with the rows,
 * and nothing is announced. See docs/decisions/0026-import-export.md.
 */
import { sql } from "drizzle-orm";
import { slugify } from "../idea-links";
import { queryRows, type Executor } from "../lib/db.server";
import { env } from "../lib/env.server";
import { renderMarkdown, RENDERER_VERSION } from "../lib/markdown.server";
import type { ImportCounts } from "../shapes";
import { DEFAULT_BOARD } from "./boards.server";
import { companyForEmail } from "./companies.server";
import { importProblem, type ImportProblem, type ImportRow } from "./import-rows.server";
import { loadStatuses, newIdeaStatus } from "./status-catalog.server";
import { voteWeight } from "./votes.server";

/** Rows written per batch: large enough that a statement's cost is spread, small enough to keep memory flat. */
export const IMPORT_BATCH = 5000;

type IdeaRow = Extract<ImportRow, { type: "idea" }>;
type CommentRow = Extract<ImportRow, { type: "comment" }>;
type Vote = { u: number; i: number; at: string | null };

/** A row the database cannot take (its idea deleted since, or refused): the import stops and nothing stays. */
export class RowFailed extends Error {
  constructor(readonly problem: ImportProblem) {
    super(problem.message);
  }
}

const json = (value: unknown) => sql`${JSON.stringify(value)}::jsonb`;
const iso = (at: Date | null) => at?.toISOString() ?? null;

export class ImportWriter {
  counts: ImportCounts = { ideas: 0, votes: 0, comments: 0, unchanged: 0, boards: 0, statuses: 0, people: 0, contacts: 0 };
  private boards = new Map<string, number>();
  private people = new Map<string, number>();
  /** External id → idea here (null: imported once, deleted since). */
  private ideas = new Map<string, number | null>();
  private batch: ImportRow[] = [];

  constructor(
    private tx: Executor,
    private source: string,
    private actorId: number,
    private onWritten: (rows: number) => void = () => {},
    private batchSize = IMPORT_BATCH,
  ) {}

  async add(row: ImportRow): Promise<void> {
    this.batch.push(row);
    if (this.batch.length >= this.batchSize) await this.flush();
  }

  /** Writes what is buffered; the counts are final once this returns. */
  async flush(): Promise<void> {
    const rows = this.batch;
    this.batch = [];
    if (rows.length === 0) return;
    try {
      await this.meetPeople(rows);
      await this.findIdeas(rows);
      const votes = await this.writeIdeas(rows.filter((r): r is IdeaRow => r.type === "idea"));
      for (const row of rows) {
        if (row.type === "vote") votes.push({ u: this.personId(row.email), i: this.ideaOf(row), at: iso(row.createdAt) });
      }
      await this.writeVotes(votes);
      await this.writeComments(rows.filter((r): r is CommentRow => r.type === "comment"));
    } catch (error) {
      throw error instanceof RowFailed ? error : new RowFailed(importProblem(rows[0].line, "refused", { detail: (error as Error).message }));
    }
    this.counts.people = this.people.size;
    this.onWritten(rows.length);
  }

  /** Everyone the batch names, found by address or added as a contact (no password, no sign-in). */
  private async meetPeople(rows: ImportRow[]): Promise<void> {
    const wanted = new Map<string, string | null>();
    const want = (email: string | null, name: string | null) => {
      if (email && !this.people.has(email) && !wanted.has(email)) wanted.set(email, name);
    };
    for (const row of rows) {
      want(row.email, row.name);
      if (row.type === "idea") for (const voter of row.voters) want(voter, null);
    }
    if (wanted.size === 0) return;
    const input = [...wanted].map(([email, name]) => ({ email, name: name ?? (email.split("@")[0].slice(0, 50) || email.slice(0, 50)) }));
    // Rows added here are not seen by the second SELECT (one snapshot): new contacts come from RETURNING.
    const found = await queryRows<{ id: number; email: string; created: boolean }>(
      this.tx,
      sql`WITH input AS (SELECT * FROM jsonb_to_recordset(${json(input)}) AS x(email text, name text)),
          created AS (
            INSERT INTO users (email, name, is_contact, email_verified_at, company_id, last_locale)
            SELECT x.email, x.name, true, NULL, ${companyForEmail(sql`x.email`)}, ${env.defaultLocale} FROM input x
            ON CONFLICT (email) DO NOTHING
            RETURNING id, email
          )
          SELECT id, email, true AS created FROM created
          UNION ALL
          SELECT u.id, u.email, false FROM input x JOIN users u ON u.email = x.email WHERE u.deleted_at IS NULL`,
    );
    for (const row of found) {
      this.people.set(row.email, Number(row.id));
      if (row.created) this.counts.contacts++;
    }
    // Someone who signed up while this statement ran: their row is there now.
    const late = input.filter((p) => !this.people.has(p.email)).map((p) => p.email);
    if (late.length === 0) return;
    for (const row of await queryRows<{ id: number; email: string }>(this.tx, sql`SELECT u.id, u.email FROM jsonb_array_elements_text(${json(late)}) AS a(email) JOIN users u ON u.email = a.email WHERE u.deleted_at IS NULL`)) {
      this.people.set(row.email, Number(row.id));
    }
  }

  private personId(email: string): number {
    const id = this.people.get(email);
    if (id === undefined) throw new Error(`no account for ${email}`);
    return id;
  }

  /** The ideas the batch names that earlier imports brought in. */
  private async findIdeas(rows: ImportRow[]): Promise<void> {
    const asked = [...new Set(rows.map((r) => (r.type === "idea" ? r.id : r.idea)))].filter((id) => !this.ideas.has(id));
    if (asked.length === 0) return;
    const found = await queryRows<{ external_id: string; id: number | null }>(
      this.tx,
      // A join, not `= ANY(array)`: on a table still without statistics the planner may scan it, testing each row against the whole array.
      sql`SELECT r.external_id, i.id FROM jsonb_array_elements_text(${json(asked)}) AS a(ext)
          JOIN imported_records r ON r.source = ${this.source} AND r.kind = 'idea' AND r.external_id = a.ext
          LEFT JOIN ideas i ON i.id = r.record_id`,
    );
    for (const row of found) this.ideas.set(row.external_id, row.id === null ? null : Number(row.id));
  }

  /** The idea a vote or comment row is for; a row whose idea is gone stops the import at its line. */
  private ideaOf(row: Exclude<ImportRow, IdeaRow>): number {
    const id = this.ideas.get(row.idea);
    if (id === undefined) throw new RowFailed(importProblem(row.line, "unknownIdea", { id: row.idea }));
    if (id === null) throw new RowFailed(importProblem(row.line, "deletedIdea", { id: row.idea }));
    return id;
  }

  /**
   * Posts the batch's new ideas (with their author's vote, as posting does) and records their
   * statuses, told to nobody; ideas an earlier run brought are left as they are. Returns the votes
   * the rows' voter lists cast, to be written with the batch's other votes.
   */
  private async writeIdeas(rows: IdeaRow[]): Promise<Vote[]> {
    const fresh: IdeaRow[] = [];
    for (const row of rows) {
      if (this.ideas.has(row.id)) this.counts.unchanged++;
      else fresh.push(row);
    }
    if (fresh.length > 0) {
      // Statuses are data (ADR 0029): "open" is whichever open status new ideas get; a retired one is refused.
      const inUse = new Set((await loadStatuses(this.tx)).filter((s) => !s.retiredAt).map((s) => s.key));
      const opening = await newIdeaStatus(this.tx);
      const input: { k: number; board: number; author: number; title: string; slug: string; body: string; html: string; status: string; at: string | null }[] = [];
      for (const [k, row] of fresh.entries()) {
        const status = row.status === "open" ? opening : row.status;
        if (!inUse.has(status)) throw new RowFailed(importProblem(row.line, "badStatus", { value: row.status }));
        input.push({
          k, board: await this.board(row.board), author: row.email ? this.personId(row.email) : this.actorId, title: row.title, slug: slugify(row.title),
          body: row.body, html: renderMarkdown(row.body), status, at: iso(row.createdAt),
        });
      }
      // Numbers drawn first, in the file's order, so each inserted row is matched to its line by number.
      const created = await queryRows<{ k: number; id: number; created_at: string | Date }>(
        this.tx,
        sql`WITH input AS MATERIALIZED (
              SELECT x.*, nextval('idea_number_seq')::int AS number
              FROM jsonb_to_recordset(${json(input)}) AS x(k int, board int, author int, title text, slug text, body text, html text, status text, at timestamptz)
            ),
            created AS (
              INSERT INTO ideas (number, board_id, author_id, title, slug, body, body_html, html_version, created_at, updated_at, triaged_at, status, status_changed_at,
                                 vote_count, trending_score)
              SELECT number, board, author, title, slug, body, html, ${RENDERER_VERSION}::int, coalesce(at, now()), coalesce(at, now()),
                     now(), status, CASE WHEN status = ${opening} THEN NULL ELSE now() END,
                     1, ${voteWeight(sql`coalesce(at, now())`)}
              FROM input ORDER BY k
              RETURNING id, number, created_at
            )
            SELECT input.k, created.id, created.created_at FROM input JOIN created ON created.number = input.number`,
      );
      const ideaOfLine = new Map(created.map((r) => [Number(r.k), { id: Number(r.id), at: new Date(r.created_at).toISOString() }]));
      const records = fresh.map((row, k) => ({ ext: row.id, id: ideaOfLine.get(k)!.id, status: input[k].status, author: input[k].author, at: ideaOfLine.get(k)!.at }));
      await this.tx.execute(sql`
        WITH input AS (SELECT * FROM jsonb_to_recordset(${json(records)}) AS x(ext text, id int, status text, author int, at timestamptz)),
        remembered AS (INSERT INTO imported_records (source, kind, external_id, record_id) SELECT ${this.source}, 'idea', ext, id FROM input)
        INSERT INTO status_changes (idea_id, actor_id, from_status, to_status, notified)
        SELECT id, ${this.actorId}::int, ${opening}, status, false FROM input WHERE status <> ${opening}`);
      for (const r of records) {
        this.ideas.set(r.ext, r.id);
        if (r.status !== opening) this.counts.statuses++;
      }
      this.counts.ideas += fresh.length;
      // The author's vote, as posting an idea casts it (not counted among the file's votes), already
      // in the idea's vote_count and trending_score above: one write of each new idea, not two.
      await this.tx.execute(sql`
        INSERT INTO votes (user_id, idea_id, created_at)
        SELECT u, i, at FROM jsonb_to_recordset(${json(records.map((r) => ({ u: r.author, i: r.id, at: r.at })))}) AS x(u int, i int, at timestamptz)`);
    }
    return rows.flatMap((row) => {
      const idea = this.ideas.get(row.id);
      // An idea imported once and deleted since takes no votes.
      return idea == null ? [] : row.voters.map((voter) => ({ u: this.personId(voter), i: idea, at: null }));
    });
  }

  private async writeVotes(votes: Vote[]): Promise<void> {
    const added = await this.insertVotes(votes);
    this.counts.votes += added;
    this.counts.unchanged += votes.length - added;
  }

  /** Casts the votes not already there, moving each idea's count and trending score with them; how many were new. */
  private async insertVotes(votes: Vote[]): Promise<number> {
    if (votes.length === 0) return 0;
    const [row] = await queryRows<{ n: number }>(
      this.tx,
      sql`WITH changed AS (
            INSERT INTO votes (user_id, idea_id, created_at)
            SELECT u, i, coalesce(at, now()) FROM jsonb_to_recordset(${json(votes)}) AS x(u int, i int, at timestamptz)
            ON CONFLICT DO NOTHING
            RETURNING idea_id, created_at
          ),
          counted AS (SELECT idea_id, count(*)::int AS n, sum(${voteWeight(sql`created_at`)}) AS w FROM changed GROUP BY idea_id),
          updated AS (
            UPDATE ideas SET vote_count = vote_count + c.n, trending_score = trending_score + c.w FROM counted c WHERE ideas.id = c.idea_id
          )
          SELECT count(*)::int AS n FROM changed`,
    );
    return Number(row.n);
  }

  /** The batch's comments not brought by an earlier run, each remembered by its id there. */
  private async writeComments(rows: CommentRow[]): Promise<void> {
    if (rows.length === 0) return;
    const known = new Set(
      (
        await queryRows<{ external_id: string }>(
          this.tx,
          sql`SELECT r.external_id FROM jsonb_array_elements_text(${json(rows.map((r) => r.id))}) AS a(ext)
              JOIN imported_records r ON r.source = ${this.source} AND r.kind = 'comment' AND r.external_id = a.ext`,
        )
      ).map((r) => r.external_id),
    );
    const fresh = rows.filter((r) => !known.has(r.id));
    this.counts.unchanged += rows.length - fresh.length;
    if (fresh.length === 0) return;
    const input = fresh.map((row) => ({
      ext: row.id, idea: this.ideaOf(row), author: row.email ? this.personId(row.email) : this.actorId, body: row.body, html: renderMarkdown(row.body), at: iso(row.createdAt),
    }));
    await this.tx.execute(sql`
      WITH input AS MATERIALIZED (
        SELECT x.*, nextval(pg_get_serial_sequence('comments', 'id')) AS id
        FROM jsonb_to_recordset(${json(input)}) AS x(ext text, idea int, author int, body text, html text, at timestamptz)
      ),
      created AS (
        INSERT INTO comments (id, idea_id, author_id, body, body_html, html_version, is_staff, created_at, updated_at) OVERRIDING SYSTEM VALUE
        SELECT x.id, x.idea, x.author, x.body, x.html, ${RENDERER_VERSION}::int, u.role IN ('admin', 'staff'), coalesce(x.at, now()), coalesce(x.at, now())
        FROM input x JOIN users u ON u.id = x.author
        RETURNING idea_id
      ),
      counted AS (
        UPDATE ideas SET comment_count = comment_count + c.n FROM (SELECT idea_id, count(*)::int AS n FROM created GROUP BY idea_id) c WHERE ideas.id = c.idea_id
      )
      INSERT INTO imported_records (source, kind, external_id, record_id) SELECT ${this.source}, 'comment', ext, id FROM input`);
    this.counts.comments += fresh.length;
  }

  /** The board named (by slug or name, created when there is none); the default board when none is named. */
  private async board(named: string | null): Promise<number> {
    const key = named ?? "";
    const cached = this.boards.get(key);
    if (cached !== undefined) return cached;
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
