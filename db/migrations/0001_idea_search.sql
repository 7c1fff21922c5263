CREATE TABLE "idea_search" (
	"idea_id" integer PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"search_vector" "tsvector" NOT NULL
);
--> statement-breakpoint
DROP INDEX "ideas_search_idx";--> statement-breakpoint
DROP INDEX "ideas_title_trgm_idx";--> statement-breakpoint
ALTER TABLE "idea_search" ADD CONSTRAINT "idea_search_idea_id_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."ideas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idea_search_vector_idx" ON "idea_search" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "idea_search_title_trgm_idx" ON "idea_search" USING gin ("title" gin_trgm_ops);--> statement-breakpoint
ALTER TABLE "ideas" DROP COLUMN "search_vector";