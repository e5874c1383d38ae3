CREATE TABLE "odds_sightings" (
	"snapshot_id" bigint PRIMARY KEY NOT NULL,
	"seen_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "odds_snapshots" DROP CONSTRAINT "odds_snapshots_natural_key";--> statement-breakpoint
ALTER TABLE "odds_snapshots" ADD COLUMN "revision" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "odds_sightings" ADD CONSTRAINT "odds_sightings_snapshot_id_odds_snapshots_id_fk" FOREIGN KEY ("snapshot_id") REFERENCES "public"."odds_snapshots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "odds_snapshots" ADD CONSTRAINT "odds_snapshots_natural_key" UNIQUE NULLS NOT DISTINCT("fixture_id","bookmaker_id","market","selection","line","player_id","prop","closing","captured_at","revision");--> statement-breakpoint
-- Sightings leave the price history: a row's seen_at moves to odds_sightings where it says more than its capture time
-- (NULL or equal means "seen when captured", which needs no row); the next migration drops the column.
INSERT INTO "odds_sightings" ("snapshot_id", "seen_at")
  SELECT "id", "seen_at" FROM "odds_snapshots" WHERE "seen_at" IS NOT NULL AND "seen_at" <> "captured_at";
--> statement-breakpoint
-- odds_snapshots, predictions and projections are append-only for EVERY role, like audit_snapshots (0006): a trigger
-- rather than REVOKE because the app connects as the tables' owner in local and test databases (and may on Neon), and
-- an owner keeps UPDATE/DELETE whatever is revoked; a trigger refuses the owner and superusers too. A correction is a
-- new row (an odds revision, a newer model version's prediction or projection). No foreign key cascades into these
-- tables (fixtures and model versions are referenced ON DELETE NO ACTION), so no cascade can reach the trigger.
CREATE FUNCTION refuse_change_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER odds_snapshots_no_update_delete BEFORE UPDATE OR DELETE ON odds_snapshots
  FOR EACH ROW EXECUTE FUNCTION refuse_change_append_only();
--> statement-breakpoint
CREATE TRIGGER odds_snapshots_no_truncate BEFORE TRUNCATE ON odds_snapshots
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_append_only();
--> statement-breakpoint
CREATE TRIGGER predictions_no_update_delete BEFORE UPDATE OR DELETE ON predictions
  FOR EACH ROW EXECUTE FUNCTION refuse_change_append_only();
--> statement-breakpoint
CREATE TRIGGER predictions_no_truncate BEFORE TRUNCATE ON predictions
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_append_only();
--> statement-breakpoint
CREATE TRIGGER projections_no_update_delete BEFORE UPDATE OR DELETE ON projections
  FOR EACH ROW EXECUTE FUNCTION refuse_change_append_only();
--> statement-breakpoint
CREATE TRIGGER projections_no_truncate BEFORE TRUNCATE ON projections
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_append_only();
