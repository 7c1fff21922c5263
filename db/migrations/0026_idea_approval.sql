CREATE TYPE "public"."idea_approval" AS ENUM('pending', 'approved', 'rejected');--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'approved';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'rejected';--> statement-breakpoint
ALTER TABLE "boards" ADD COLUMN "requires_approval" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "ideas" ADD COLUMN "approval" "idea_approval" DEFAULT 'approved' NOT NULL;--> statement-breakpoint
ALTER TABLE "ideas" ADD COLUMN "approval_reason" text;--> statement-breakpoint
ALTER TABLE "ideas" ADD COLUMN "approval_decided_by_id" integer;--> statement-breakpoint
ALTER TABLE "ideas" ADD COLUMN "approval_decided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "ideas" ADD CONSTRAINT "ideas_approval_decided_by_id_users_id_fk" FOREIGN KEY ("approval_decided_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ideas_pending_idx" ON "ideas" USING btree ("created_at","id") WHERE approval = 'pending';