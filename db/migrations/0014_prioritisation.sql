CREATE TYPE "public"."scoring_kind" AS ENUM('impact', 'effort');--> statement-breakpoint
CREATE TABLE "idea_scores" (
	"idea_id" integer NOT NULL,
	"factor_id" integer NOT NULL,
	"value" integer NOT NULL,
	"scored_by_id" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idea_scores_idea_id_factor_id_pk" PRIMARY KEY("idea_id","factor_id")
);
--> statement-breakpoint
CREATE TABLE "scoring_factors" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "scoring_factors_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"kind" "scoring_kind" NOT NULL,
	"weight" integer DEFAULT 1 NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"retired_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "idea_scores" ADD CONSTRAINT "idea_scores_idea_id_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."ideas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_scores" ADD CONSTRAINT "idea_scores_factor_id_scoring_factors_id_fk" FOREIGN KEY ("factor_id") REFERENCES "public"."scoring_factors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_scores" ADD CONSTRAINT "idea_scores_scored_by_id_users_id_fk" FOREIGN KEY ("scored_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
INSERT INTO "scoring_factors" ("name", "kind", "weight", "position") VALUES ('', 'impact', 1, 0), ('', 'effort', 1, 1);
