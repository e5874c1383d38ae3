ALTER TABLE "fixtures" ADD COLUMN "home_shots_on_target" integer;--> statement-breakpoint
ALTER TABLE "fixtures" ADD COLUMN "away_shots_on_target" integer;