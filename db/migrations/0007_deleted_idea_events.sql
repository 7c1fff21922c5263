ALTER TABLE "notification_events" DROP CONSTRAINT "notification_events_idea_id_ideas_id_fk";
--> statement-breakpoint
ALTER TABLE "notification_events" DROP CONSTRAINT "notification_events_status_change_id_status_changes_id_fk";
--> statement-breakpoint
ALTER TABLE "notification_events" ALTER COLUMN "idea_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "notification_events" ADD COLUMN "deleted_idea_title" text;--> statement-breakpoint
ALTER TABLE "notification_events" ADD CONSTRAINT "notification_events_idea_id_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."ideas"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_events" ADD CONSTRAINT "notification_events_status_change_id_status_changes_id_fk" FOREIGN KEY ("status_change_id") REFERENCES "public"."status_changes"("id") ON DELETE set null ON UPDATE no action;