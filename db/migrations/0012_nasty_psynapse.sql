ALTER TABLE "users" ALTER COLUMN "locale" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "locale" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "last_locale" text DEFAULT 'en' NOT NULL;--> statement-breakpoint
-- No one could choose a language before this: what was stored is the language each account was made in.
UPDATE "users" SET "last_locale" = "locale", "locale" = NULL;
