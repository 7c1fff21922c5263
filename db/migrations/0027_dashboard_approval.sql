DROP INDEX "ideas_hidden_idx";--> statement-breakpoint
DROP INDEX "ideas_dashboard_idx";--> statement-breakpoint
CREATE INDEX "ideas_uncounted_idx" ON "ideas" USING btree ("id") WHERE hidden_at IS NOT NULL OR approval = 'rejected';--> statement-breakpoint
CREATE INDEX "ideas_dashboard_idx" ON "ideas" USING btree ("board_id","status","created_at","first_staff_response_at","author_id","id") WHERE merged_into_id IS NULL AND hidden_at IS NULL AND approval = 'approved';--> statement-breakpoint
-- The dashboard's counters and approval (docs/decisions/0028-dashboard-and-approval.md): a rejected
-- idea is counted nowhere, like a hidden one; a pending idea counts in the weekly activity (staff
-- see what comes in) but not in the figures about published ideas (ideas by status, first answers,
-- shipping), which read ideas_dashboard_idx. Approving or rejecting an idea moves its whole
-- contribution to daily_activity at once, as hiding and restoring do.
CREATE OR REPLACE FUNCTION "ideas_count_activity"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    IF OLD.hidden_at IS NULL AND OLD.approval <> 'rejected' THEN
      PERFORM daily_activity_idea(OLD.id, OLD.board_id, OLD.created_at, -1);
    END IF;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  IF NEW.hidden_at IS NULL AND NEW.approval <> 'rejected' THEN
    PERFORM daily_activity_idea(NEW.id, NEW.board_id, NEW.created_at, 1);
  END IF;
  RETURN NEW;
END
$$;--> statement-breakpoint
DROP TRIGGER "ideas_count_activity_update" ON "ideas";--> statement-breakpoint
CREATE TRIGGER "ideas_count_activity_update" AFTER UPDATE OF "board_id", "hidden_at", "created_at", "approval" ON "ideas"
  FOR EACH ROW WHEN (OLD.board_id IS DISTINCT FROM NEW.board_id OR (OLD.hidden_at IS NULL) <> (NEW.hidden_at IS NULL) OR OLD.created_at IS DISTINCT FROM NEW.created_at
    OR (OLD.approval = 'rejected') <> (NEW.approval = 'rejected'))
  EXECUTE FUNCTION "ideas_count_activity"();--> statement-breakpoint
CREATE OR REPLACE FUNCTION "daily_activity_row"(p_idea integer, p_at timestamptz, p_votes integer, p_comments integer)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  b integer;
BEGIN
  SELECT board_id INTO b FROM ideas WHERE id = p_idea AND hidden_at IS NULL AND approval <> 'rejected';
  IF FOUND THEN
    PERFORM daily_activity_add(b, p_at, p_idea, 0, p_votes, p_comments);
  END IF;
END
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "daily_activity_from_rows"()
RETURNS TABLE (board_id integer, day date, shard smallint, ideas integer, votes integer, comments integer) LANGUAGE sql STABLE AS $$
  SELECT x.board_id, x.day, x.shard, sum(x.i)::int, sum(x.v)::int, sum(x.c)::int
  FROM (
    SELECT i.board_id, (i.created_at AT TIME ZONE 'UTC')::date AS day, (i.id % 16)::smallint AS shard, 1 AS i, 0 AS v, 0 AS c
    FROM ideas i WHERE i.hidden_at IS NULL AND i.approval <> 'rejected'
    UNION ALL
    SELECT i.board_id, (v.created_at AT TIME ZONE 'UTC')::date, (i.id % 16)::smallint, 0, 1, 0
    FROM votes v JOIN ideas i ON i.id = v.idea_id WHERE v.merged_from IS NULL AND i.hidden_at IS NULL AND i.approval <> 'rejected'
    UNION ALL
    SELECT i.board_id, (c.created_at AT TIME ZONE 'UTC')::date, (i.id % 16)::smallint, 0, 0, 1
    FROM comments c JOIN ideas i ON i.id = c.idea_id WHERE NOT c.internal AND c.hidden_at IS NULL AND i.hidden_at IS NULL AND i.approval <> 'rejected'
  ) x
  GROUP BY x.board_id, x.day, x.shard
$$;--> statement-breakpoint
-- Rejected before this migration: counted until now; the counters recounted from the rows.
DELETE FROM daily_activity;--> statement-breakpoint
INSERT INTO daily_activity (board_id, day, shard, ideas, votes, comments) SELECT * FROM daily_activity_from_rows();
