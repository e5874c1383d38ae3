CREATE TYPE "public"."drift_level" AS ENUM('ok', 'warn', 'alert');--> statement-breakpoint
CREATE TABLE "model_inputs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"model_version_id" integer NOT NULL,
	"fixture_id" integer NOT NULL,
	"player_id" integer,
	"market" text NOT NULL,
	"features" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "model_inputs_natural_key" UNIQUE NULLS NOT DISTINCT("model_version_id","fixture_id","player_id","market"),
	CONSTRAINT "model_inputs_features_array" CHECK (jsonb_typeof("model_inputs"."features") = 'array')
);
--> statement-breakpoint
ALTER TABLE "drift_reports" ADD COLUMN "subject" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "drift_reports" ADD COLUMN "level" "drift_level" DEFAULT 'ok' NOT NULL;--> statement-breakpoint
ALTER TABLE "drift_reports" ADD COLUMN "sample_size" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "drift_reports" ADD COLUMN "reported_on" date DEFAULT (now() at time zone 'utc')::date NOT NULL;--> statement-breakpoint
ALTER TABLE "model_inputs" ADD CONSTRAINT "model_inputs_model_version_id_model_versions_id_fk" FOREIGN KEY ("model_version_id") REFERENCES "public"."model_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_inputs" ADD CONSTRAINT "model_inputs_fixture_id_fixtures_id_fk" FOREIGN KEY ("fixture_id") REFERENCES "public"."fixtures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_inputs" ADD CONSTRAINT "model_inputs_player_id_players_id_fk" FOREIGN KEY ("player_id") REFERENCES "public"."players"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "model_inputs_version_time_idx" ON "model_inputs" USING btree ("model_version_id","created_at");--> statement-breakpoint
CREATE INDEX "model_inputs_fixture_idx" ON "model_inputs" USING btree ("fixture_id");--> statement-breakpoint
CREATE INDEX "drift_reports_day_idx" ON "drift_reports" USING btree ("reported_on");--> statement-breakpoint
ALTER TABLE "drift_reports" ADD CONSTRAINT "drift_reports_natural_key" UNIQUE("model_version_id","metric","subject","window","reported_on");