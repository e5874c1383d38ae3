-- Model kinds become one closed vocabulary (MODEL_KINDS); the three free-text styles of old map onto it.
UPDATE "model_versions" SET "kind" = 'soccer_dixon_coles' WHERE "kind" = 'dixon_coles';--> statement-breakpoint
UPDATE "model_versions" SET "kind" = 'nfl_game_lines', "scope" = 'nfl' WHERE "kind" = 'game-lines';--> statement-breakpoint
UPDATE "model_versions" SET "kind" = 'nfl_props' WHERE "kind" LIKE 'props:%';--> statement-breakpoint
CREATE TYPE "public"."model_kind" AS ENUM('soccer_dixon_coles', 'nfl_game_lines', 'nfl_props');--> statement-breakpoint
ALTER TABLE "model_versions" ALTER COLUMN "kind" SET DATA TYPE "public"."model_kind" USING "kind"::"public"."model_kind";--> statement-breakpoint
ALTER TABLE "model_versions" ADD COLUMN "activated_at" timestamp with time zone;--> statement-breakpoint
-- Before the invariant holds: keep only the newest active version per kind and scope.
UPDATE "model_versions" m SET "status" = 'retired' WHERE m."status" = 'active' AND EXISTS (
  SELECT 1 FROM "model_versions" n WHERE n."kind" = m."kind" AND n."scope" = m."scope" AND n."status" = 'active' AND n."version" > m."version");--> statement-breakpoint
UPDATE "model_versions" SET "activated_at" = "created_at" WHERE "status" = 'active';--> statement-breakpoint
CREATE UNIQUE INDEX "model_versions_one_active" ON "model_versions" USING btree ("kind","scope") WHERE status = 'active';
