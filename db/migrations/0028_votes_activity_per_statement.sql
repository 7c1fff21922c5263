-- Votes reach daily_activity once per statement, not once per row (docs/decisions/0027-dashboard-counters.md):
-- the statement's new or deleted votes are grouped by board, day and shard and added in one upsert.
-- A single vote costs what it did; an import of a million votes, a merge copying thousands or an
-- account deleted with its votes no longer pays a function call and an upsert for every row.
-- What is counted is unchanged: votes cast (not a merge's copies) on ideas neither hidden nor
-- rejected; votes deleted with their idea find no idea (its BEFORE DELETE trigger took them away).
CREATE FUNCTION "votes_count_activity_rows"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO daily_activity AS d (board_id, day, shard, ideas, votes, comments)
    SELECT i.board_id, (n.created_at AT TIME ZONE 'UTC')::date, (i.id % 16)::smallint, 0, count(*)::int, 0
    FROM new_votes n JOIN ideas i ON i.id = n.idea_id
    WHERE n.merged_from IS NULL AND i.hidden_at IS NULL AND i.approval <> 'rejected'
    GROUP BY 1, 2, 3
    ON CONFLICT (board_id, day, shard) DO UPDATE SET votes = d.votes + EXCLUDED.votes;
  ELSE
    INSERT INTO daily_activity AS d (board_id, day, shard, ideas, votes, comments)
    SELECT i.board_id, (o.created_at AT TIME ZONE 'UTC')::date, (i.id % 16)::smallint, 0, -count(*)::int, 0
    FROM old_votes o JOIN ideas i ON i.id = o.idea_id
    WHERE o.merged_from IS NULL AND i.hidden_at IS NULL AND i.approval <> 'rejected'
    GROUP BY 1, 2, 3
    ON CONFLICT (board_id, day, shard) DO UPDATE SET votes = d.votes + EXCLUDED.votes;
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
DROP TRIGGER "votes_count_activity" ON "votes";--> statement-breakpoint
CREATE TRIGGER "votes_count_activity_insert" AFTER INSERT ON "votes"
  REFERENCING NEW TABLE AS new_votes FOR EACH STATEMENT EXECUTE FUNCTION "votes_count_activity_rows"();--> statement-breakpoint
CREATE TRIGGER "votes_count_activity_delete" AFTER DELETE ON "votes"
  REFERENCING OLD TABLE AS old_votes FOR EACH STATEMENT EXECUTE FUNCTION "votes_count_activity_rows"();
