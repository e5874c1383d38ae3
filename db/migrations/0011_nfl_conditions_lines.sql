ALTER TABLE "nfl_game_conditions" ADD COLUMN "spread_line" double precision;--> statement-breakpoint
ALTER TABLE "nfl_game_conditions" ADD COLUMN "total_line" double precision;