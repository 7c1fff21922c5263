CREATE TABLE "daily_activity" (
	"board_id" integer NOT NULL,
	"day" date NOT NULL,
	"shard" smallint NOT NULL,
	"ideas" integer DEFAULT 0 NOT NULL,
	"votes" integer DEFAULT 0 NOT NULL,
	"comments" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "daily_activity_board_id_day_shard_pk" PRIMARY KEY("board_id","day","shard")
);
--> statement-breakpoint
ALTER TABLE "ideas" ADD COLUMN "first_staff_response_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "daily_activity" ADD CONSTRAINT "daily_activity_board_id_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."boards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "daily_activity_day_idx" ON "daily_activity" USING btree ("day");--> statement-breakpoint
CREATE INDEX "ideas_dashboard_idx" ON "ideas" USING btree ("board_id","status","created_at","first_staff_response_at","author_id","id") WHERE merged_into_id IS NULL AND hidden_at IS NULL;--> statement-breakpoint
CREATE INDEX "ideas_hidden_idx" ON "ideas" USING btree ("id") WHERE hidden_at IS NOT NULL;