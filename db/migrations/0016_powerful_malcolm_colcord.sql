ALTER TABLE "ideas" ADD COLUMN "triaged_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "ideas_inbox_idx" ON "ideas" USING btree ("created_at","id") WHERE triaged_at IS NULL AND merged_into_id IS NULL;--> statement-breakpoint
CREATE INDEX "ideas_inbox_board_idx" ON "ideas" USING btree ("board_id","created_at","id") WHERE triaged_at IS NULL AND merged_into_id IS NULL;--> statement-breakpoint
-- Ideas staff already answered (a status change or a staff comment) are not waiting for triage.
UPDATE "ideas" SET "triaged_at" = now()
WHERE EXISTS (SELECT 1 FROM "status_changes" s WHERE s."idea_id" = "ideas"."id")
   OR EXISTS (SELECT 1 FROM "comments" c WHERE c."idea_id" = "ideas"."id" AND c."is_staff");
