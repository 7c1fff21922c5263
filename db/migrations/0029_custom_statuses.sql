CREATE TYPE "public"."status_kind" AS ENUM('open', 'active', 'done', 'declined');--> statement-breakpoint
CREATE TABLE "statuses" (
	"key" text PRIMARY KEY NOT NULL,
	"kind" "status_kind" NOT NULL,
	"color" text NOT NULL,
	"position" integer NOT NULL,
	"labels" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"retired_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
-- The six statuses of before become the defaults: same keys, so every idea keeps its status.
-- Their labels stay the catalogs' (labels = {}), so they keep reading in every language.
INSERT INTO "statuses" ("key", "kind", "color", "position") VALUES
	('open', 'open', 'grey', 1),
	('under_review', 'active', 'amber', 2),
	('planned', 'active', 'blue', 3),
	('in_progress', 'active', 'purple', 4),
	('shipped', 'done', 'green', 5),
	('declined', 'declined', 'red', 6);--> statement-breakpoint
ALTER TABLE "ideas" ALTER COLUMN "status" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "ideas" ALTER COLUMN "status" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "ideas" ALTER COLUMN "status" SET DEFAULT 'open';--> statement-breakpoint
ALTER TABLE "status_changes" ALTER COLUMN "from_status" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "status_changes" ALTER COLUMN "to_status" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "ideas" ADD CONSTRAINT "ideas_status_statuses_key_fk" FOREIGN KEY ("status") REFERENCES "public"."statuses"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_changes" ADD CONSTRAINT "status_changes_from_status_statuses_key_fk" FOREIGN KEY ("from_status") REFERENCES "public"."statuses"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_changes" ADD CONSTRAINT "status_changes_to_status_statuses_key_fk" FOREIGN KEY ("to_status") REFERENCES "public"."statuses"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
DROP TYPE "public"."idea_status";