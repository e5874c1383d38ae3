CREATE TABLE "nfl_game_conditions" (
	"fixture_id" integer PRIMARY KEY NOT NULL,
	"home_rest" integer,
	"away_rest" integer,
	"roof" text,
	"wind" double precision,
	"temp" double precision,
	"divisional" boolean
);
--> statement-breakpoint
ALTER TABLE "player_game_stats" ADD COLUMN "sacks" double precision;--> statement-breakpoint
ALTER TABLE "player_game_stats" ADD COLUMN "passing_air_yards" double precision;--> statement-breakpoint
ALTER TABLE "player_game_stats" ADD COLUMN "receiving_air_yards" double precision;--> statement-breakpoint
ALTER TABLE "player_game_stats" ADD COLUMN "target_share" double precision;--> statement-breakpoint
ALTER TABLE "player_game_stats" ADD COLUMN "air_yards_share" double precision;--> statement-breakpoint
ALTER TABLE "nfl_game_conditions" ADD CONSTRAINT "nfl_game_conditions_fixture_id_fixtures_id_fk" FOREIGN KEY ("fixture_id") REFERENCES "public"."fixtures"("id") ON DELETE no action ON UPDATE no action;