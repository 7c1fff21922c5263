ALTER TABLE "ideas" ADD COLUMN "pinned_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "ideas_pinned_idx" ON "ideas" USING btree ("board_id") WHERE pinned_at IS NOT NULL;