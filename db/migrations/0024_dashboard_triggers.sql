-- The staff dashboard's counters (docs/decisions/0027-dashboard-counters.md): daily_activity and
-- ideas.first_staff_response_at, kept by triggers in the transaction of every write, whichever
-- code path makes it (a vote, a vote on someone's behalf, an import, a merge, a deletion, an
-- account deleted, a row fixed by hand).
--
-- What daily_activity counts, per board, UTC day and shard (the idea id modulo 16): ideas posted,
-- votes cast (not a merge's copies, merged_from IS NOT NULL) and public comments (not internal
-- notes, not hidden ones), all of ideas that are not hidden. Hiding an idea, restoring it, moving
-- it to another board or deleting it moves its whole contribution at once.
CREATE FUNCTION "daily_activity_add"(p_board integer, p_at timestamptz, p_idea integer, p_ideas integer, p_votes integer, p_comments integer)
RETURNS void LANGUAGE sql AS $$
  INSERT INTO daily_activity AS d (board_id, day, shard, ideas, votes, comments)
  VALUES (p_board, (p_at AT TIME ZONE 'UTC')::date, (p_idea % 16)::smallint, p_ideas, p_votes, p_comments)
  ON CONFLICT (board_id, day, shard) DO UPDATE
    SET ideas = d.ideas + EXCLUDED.ideas, votes = d.votes + EXCLUDED.votes, comments = d.comments + EXCLUDED.comments
$$;--> statement-breakpoint
-- What one idea adds (p_sign 1) or takes away (-1): itself, its votes and its comments, by day.
CREATE FUNCTION "daily_activity_idea"(p_idea integer, p_board integer, p_created timestamptz, p_sign integer)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM daily_activity_add(p_board, p_created, p_idea, p_sign, 0, 0);
  INSERT INTO daily_activity AS d (board_id, day, shard, ideas, votes, comments)
  SELECT p_board, x.day, (p_idea % 16)::smallint, 0, p_sign * sum(x.v)::int, p_sign * sum(x.c)::int
  FROM (
    SELECT (created_at AT TIME ZONE 'UTC')::date AS day, 1 AS v, 0 AS c FROM votes WHERE idea_id = p_idea AND merged_from IS NULL
    UNION ALL
    SELECT (created_at AT TIME ZONE 'UTC')::date, 0, 1 FROM comments WHERE idea_id = p_idea AND NOT internal AND hidden_at IS NULL
  ) x
  GROUP BY x.day
  ON CONFLICT (board_id, day, shard) DO UPDATE
    SET votes = d.votes + EXCLUDED.votes, comments = d.comments + EXCLUDED.comments;
END
$$;--> statement-breakpoint
CREATE FUNCTION "ideas_count_activity"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    IF OLD.hidden_at IS NULL THEN
      PERFORM daily_activity_idea(OLD.id, OLD.board_id, OLD.created_at, -1);
    END IF;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  IF NEW.hidden_at IS NULL THEN
    PERFORM daily_activity_idea(NEW.id, NEW.board_id, NEW.created_at, 1);
  END IF;
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER "ideas_count_activity_insert" AFTER INSERT ON "ideas"
  FOR EACH ROW EXECUTE FUNCTION "ideas_count_activity"();--> statement-breakpoint
CREATE TRIGGER "ideas_count_activity_update" AFTER UPDATE OF "board_id", "hidden_at", "created_at" ON "ideas"
  FOR EACH ROW WHEN (OLD.board_id IS DISTINCT FROM NEW.board_id OR (OLD.hidden_at IS NULL) <> (NEW.hidden_at IS NULL) OR OLD.created_at IS DISTINCT FROM NEW.created_at)
  EXECUTE FUNCTION "ideas_count_activity"();--> statement-breakpoint
-- Before the delete, while the idea's votes and comments are still there to be counted; the
-- cascade that deletes them then finds no idea and changes nothing more.
CREATE TRIGGER "ideas_count_activity_delete" BEFORE DELETE ON "ideas"
  FOR EACH ROW EXECUTE FUNCTION "ideas_count_activity"();--> statement-breakpoint
-- One vote or comment counted (1) or taken away (-1) on its idea's board and day; nothing when the
-- idea is hidden, or gone (deleted: its BEFORE DELETE trigger has taken everything away).
CREATE FUNCTION "daily_activity_row"(p_idea integer, p_at timestamptz, p_votes integer, p_comments integer)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  b integer;
BEGIN
  SELECT board_id INTO b FROM ideas WHERE id = p_idea AND hidden_at IS NULL;
  IF FOUND THEN
    PERFORM daily_activity_add(b, p_at, p_idea, 0, p_votes, p_comments);
  END IF;
END
$$;--> statement-breakpoint
CREATE FUNCTION "votes_count_activity"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    IF OLD.merged_from IS NULL THEN PERFORM daily_activity_row(OLD.idea_id, OLD.created_at, -1, 0); END IF;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    IF NEW.merged_from IS NULL THEN PERFORM daily_activity_row(NEW.idea_id, NEW.created_at, 1, 0); END IF;
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "votes_count_activity" AFTER INSERT OR DELETE ON "votes"
  FOR EACH ROW EXECUTE FUNCTION "votes_count_activity"();--> statement-breakpoint
CREATE TRIGGER "votes_count_activity_update" AFTER UPDATE OF "idea_id", "created_at", "merged_from" ON "votes"
  FOR EACH ROW WHEN (OLD.idea_id IS DISTINCT FROM NEW.idea_id OR OLD.created_at IS DISTINCT FROM NEW.created_at OR (OLD.merged_from IS NULL) <> (NEW.merged_from IS NULL))
  EXECUTE FUNCTION "votes_count_activity"();--> statement-breakpoint
CREATE FUNCTION "comments_count_activity"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    IF NOT OLD.internal AND OLD.hidden_at IS NULL THEN PERFORM daily_activity_row(OLD.idea_id, OLD.created_at, 0, -1); END IF;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    IF NOT NEW.internal AND NEW.hidden_at IS NULL THEN PERFORM daily_activity_row(NEW.idea_id, NEW.created_at, 0, 1); END IF;
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "comments_count_activity" AFTER INSERT OR DELETE ON "comments"
  FOR EACH ROW EXECUTE FUNCTION "comments_count_activity"();--> statement-breakpoint
CREATE TRIGGER "comments_count_activity_update" AFTER UPDATE OF "idea_id", "created_at", "internal", "hidden_at" ON "comments"
  FOR EACH ROW WHEN (OLD.idea_id IS DISTINCT FROM NEW.idea_id OR OLD.created_at IS DISTINCT FROM NEW.created_at OR OLD.internal <> NEW.internal OR (OLD.hidden_at IS NULL) <> (NEW.hidden_at IS NULL))
  EXECUTE FUNCTION "comments_count_activity"();--> statement-breakpoint
-- The same figures recounted from the rows: the backfill below, and what reconcile-counts
-- compares the table with.
CREATE FUNCTION "daily_activity_from_rows"()
RETURNS TABLE (board_id integer, day date, shard smallint, ideas integer, votes integer, comments integer) LANGUAGE sql STABLE AS $$
  SELECT x.board_id, x.day, x.shard, sum(x.i)::int, sum(x.v)::int, sum(x.c)::int
  FROM (
    SELECT i.board_id, (i.created_at AT TIME ZONE 'UTC')::date AS day, (i.id % 16)::smallint AS shard, 1 AS i, 0 AS v, 0 AS c
    FROM ideas i WHERE i.hidden_at IS NULL
    UNION ALL
    SELECT i.board_id, (v.created_at AT TIME ZONE 'UTC')::date, (i.id % 16)::smallint, 0, 1, 0
    FROM votes v JOIN ideas i ON i.id = v.idea_id WHERE v.merged_from IS NULL AND i.hidden_at IS NULL
    UNION ALL
    SELECT i.board_id, (c.created_at AT TIME ZONE 'UTC')::date, (i.id % 16)::smallint, 0, 0, 1
    FROM comments c JOIN ideas i ON i.id = c.idea_id WHERE NOT c.internal AND c.hidden_at IS NULL AND i.hidden_at IS NULL
  ) x
  GROUP BY x.board_id, x.day, x.shard
$$;--> statement-breakpoint
INSERT INTO daily_activity (board_id, day, shard, ideas, votes, comments) SELECT * FROM daily_activity_from_rows();--> statement-breakpoint
-- An idea's first answer by staff: its first status change or its first public staff comment.
CREATE FUNCTION "ideas_first_staff_response"(p_idea integer) RETURNS timestamptz LANGUAGE sql STABLE AS $$
  SELECT min(x.at) FROM (
    SELECT created_at AS at FROM status_changes WHERE idea_id = p_idea
    UNION ALL
    SELECT created_at FROM comments WHERE idea_id = p_idea AND is_staff AND NOT internal
  ) x
$$;--> statement-breakpoint
-- An answer written: the idea's first answer is this one if it is earlier (one comparison).
CREATE FUNCTION "ideas_note_staff_response"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE ideas SET first_staff_response_at = NEW.created_at
  WHERE id = NEW.idea_id AND (first_staff_response_at IS NULL OR first_staff_response_at > NEW.created_at);
  RETURN NULL;
END
$$;--> statement-breakpoint
-- An answer deleted or changed (rare): the idea's first answer is looked up again.
CREATE FUNCTION "ideas_recount_staff_response"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE ideas SET first_staff_response_at = ideas_first_staff_response(id)
  WHERE id = OLD.idea_id AND first_staff_response_at IS DISTINCT FROM ideas_first_staff_response(id);
  IF TG_OP = 'UPDATE' THEN
    IF NEW.idea_id <> OLD.idea_id THEN
      UPDATE ideas SET first_staff_response_at = ideas_first_staff_response(id)
      WHERE id = NEW.idea_id AND first_staff_response_at IS DISTINCT FROM ideas_first_staff_response(id);
    END IF;
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "status_changes_note_staff_response" AFTER INSERT ON "status_changes"
  FOR EACH ROW EXECUTE FUNCTION "ideas_note_staff_response"();--> statement-breakpoint
CREATE TRIGGER "status_changes_recount_staff_response" AFTER DELETE OR UPDATE OF "idea_id", "created_at" ON "status_changes"
  FOR EACH ROW EXECUTE FUNCTION "ideas_recount_staff_response"();--> statement-breakpoint
CREATE TRIGGER "comments_note_staff_response" AFTER INSERT ON "comments"
  FOR EACH ROW WHEN (NEW.is_staff AND NOT NEW.internal) EXECUTE FUNCTION "ideas_note_staff_response"();--> statement-breakpoint
CREATE TRIGGER "comments_recount_staff_response_delete" AFTER DELETE ON "comments"
  FOR EACH ROW WHEN (OLD.is_staff AND NOT OLD.internal) EXECUTE FUNCTION "ideas_recount_staff_response"();--> statement-breakpoint
CREATE TRIGGER "comments_recount_staff_response_update" AFTER UPDATE OF "idea_id", "created_at", "is_staff", "internal" ON "comments"
  FOR EACH ROW WHEN (OLD.idea_id IS DISTINCT FROM NEW.idea_id OR OLD.created_at IS DISTINCT FROM NEW.created_at OR OLD.is_staff <> NEW.is_staff OR OLD.internal <> NEW.internal)
  EXECUTE FUNCTION "ideas_recount_staff_response"();--> statement-breakpoint
UPDATE ideas i SET first_staff_response_at = f.at
FROM (
  SELECT x.idea_id, min(x.at) AS at FROM (
    SELECT idea_id, created_at AS at FROM status_changes
    UNION ALL
    SELECT idea_id, created_at FROM comments WHERE is_staff AND NOT internal
  ) x GROUP BY x.idea_id
) f
WHERE f.idea_id = i.id;
