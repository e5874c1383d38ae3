CREATE TYPE "public"."odds_format" AS ENUM('decimal', 'american', 'fractional');--> statement-breakpoint
CREATE TABLE "user_preferences" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"odds_format" "odds_format" DEFAULT 'decimal' NOT NULL,
	"time_zone" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_preferences_time_zone_len" CHECK ("user_preferences"."time_zone" is null or char_length("user_preferences"."time_zone") between 1 and 64)
);
--> statement-breakpoint
ALTER TABLE "user_preferences" ADD CONSTRAINT "user_preferences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;