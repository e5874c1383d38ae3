CREATE TABLE "dead_letters" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"queue" text NOT NULL,
	"message_id" text NOT NULL,
	"attempts" integer NOT NULL,
	"body" jsonb,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dead_letters_message" UNIQUE("queue","message_id")
);
--> statement-breakpoint
CREATE TABLE "push_watermarks" (
	"stream" text PRIMARY KEY NOT NULL,
	"last_id" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "push_watermarks_last_id_nonnegative" CHECK ("push_watermarks"."last_id" >= 0)
);
--> statement-breakpoint
-- An existing deployment starts its odds push at the newest odds-API row it already has (pushed, or too old to matter
-- to a live client), not at 0 (which would replay its whole history into the rooms on the first consumer run).
INSERT INTO "push_watermarks" ("stream", "last_id") SELECT 'odds:odds-api', coalesce(max("id"), 0) FROM "odds_snapshots" WHERE "source" = 'odds-api';
