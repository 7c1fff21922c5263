ALTER TYPE "public"."notification_kind" ADD VALUE 'merged';--> statement-breakpoint
CREATE TABLE "idea_merges" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "idea_merges_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"idea_id" integer NOT NULL,
	"into_idea_id" integer NOT NULL,
	"actor_id" integer NOT NULL,
	"votes_added" integer DEFAULT 0 NOT NULL,
	"unmerged_at" timestamp with time zone,
	"unmerged_by_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ideas" ADD COLUMN "merged_into_id" integer;--> statement-breakpoint
ALTER TABLE "notification_events" ADD COLUMN "source_idea_id" integer;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "merged_from" integer;--> statement-breakpoint
ALTER TABLE "votes" ADD COLUMN "merged_from" integer;--> statement-breakpoint
ALTER TABLE "idea_merges" ADD CONSTRAINT "idea_merges_idea_id_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."ideas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_merges" ADD CONSTRAINT "idea_merges_into_idea_id_ideas_id_fk" FOREIGN KEY ("into_idea_id") REFERENCES "public"."ideas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_merges" ADD CONSTRAINT "idea_merges_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_merges" ADD CONSTRAINT "idea_merges_unmerged_by_id_users_id_fk" FOREIGN KEY ("unmerged_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idea_merges_idea_idx" ON "idea_merges" USING btree ("idea_id","id");--> statement-breakpoint
CREATE INDEX "idea_merges_into_idx" ON "idea_merges" USING btree ("into_idea_id","id");--> statement-breakpoint
ALTER TABLE "ideas" ADD CONSTRAINT "ideas_merged_into_id_ideas_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."ideas"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_events" ADD CONSTRAINT "notification_events_source_idea_id_ideas_id_fk" FOREIGN KEY ("source_idea_id") REFERENCES "public"."ideas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_merged_from_ideas_id_fk" FOREIGN KEY ("merged_from") REFERENCES "public"."ideas"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_merged_from_ideas_id_fk" FOREIGN KEY ("merged_from") REFERENCES "public"."ideas"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ideas_merged_into_idx" ON "ideas" USING btree ("merged_into_id") WHERE merged_into_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "notification_events_source_idx" ON "notification_events" USING btree ("source_idea_id") WHERE source_idea_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "subscriptions_merged_from_idx" ON "subscriptions" USING btree ("merged_from","idea_id") WHERE merged_from IS NOT NULL;--> statement-breakpoint
CREATE INDEX "votes_merged_from_idx" ON "votes" USING btree ("merged_from","idea_id") WHERE merged_from IS NOT NULL;