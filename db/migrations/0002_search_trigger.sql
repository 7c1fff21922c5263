-- Keeps idea_search (see db/schema.ts) in step with ideas: one row per idea, rewritten whenever
-- its title or body is. Votes and comment counts update other columns and never fire it.
CREATE FUNCTION "ideas_sync_search"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO idea_search (idea_id, title, search_vector)
  VALUES (
    NEW.id,
    NEW.title,
    setweight(to_tsvector('simple', coalesce(NEW.title, '')), 'A') || setweight(to_tsvector('simple', coalesce(NEW.body, '')), 'B')
  )
  ON CONFLICT (idea_id) DO UPDATE SET title = EXCLUDED.title, search_vector = EXCLUDED.search_vector;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "ideas_sync_search" AFTER INSERT OR UPDATE OF "title", "body" ON "ideas"
  FOR EACH ROW EXECUTE FUNCTION "ideas_sync_search"();--> statement-breakpoint
-- The ideas that were there before this migration.
INSERT INTO idea_search (idea_id, title, search_vector)
SELECT id, title, setweight(to_tsvector('simple', coalesce(title, '')), 'A') || setweight(to_tsvector('simple', coalesce(body, '')), 'B')
FROM ideas
ON CONFLICT (idea_id) DO NOTHING;
