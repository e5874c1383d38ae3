CREATE TYPE "public"."bet_source" AS ENUM('quote', 'manual', 'import', 'system');--> statement-breakpoint
CREATE TYPE "public"."closing_source" AS ENUM('own_book', 'sharpest', 'consensus');--> statement-breakpoint
CREATE TYPE "public"."settlement_kind" AS ENUM('settle', 'resettle', 'void');--> statement-breakpoint
CREATE TABLE "bet_settlements" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"bet_id" uuid NOT NULL,
	"sequence" integer NOT NULL,
	"kind" "settlement_kind" NOT NULL,
	"result" "bet_result" NOT NULL,
	"pnl" bigint NOT NULL,
	"home_score" integer,
	"away_score" integer,
	"stat_value" double precision,
	"settled_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bet_settlements_sequence_key" UNIQUE("bet_id","sequence"),
	CONSTRAINT "bet_settlements_sequence_positive" CHECK ("bet_settlements"."sequence" >= 1),
	CONSTRAINT "bet_settlements_not_pending" CHECK ("bet_settlements"."result" <> 'pending'),
	CONSTRAINT "bet_settlements_void_kind" CHECK (("bet_settlements"."kind" = 'void') <= ("bet_settlements"."result" = 'void'))
);
--> statement-breakpoint
ALTER TABLE "bets" DROP CONSTRAINT "bets_natural_key";--> statement-breakpoint
ALTER TABLE "bets" DROP CONSTRAINT "bets_portfolio_id_portfolios_id_fk";
--> statement-breakpoint
ALTER TABLE "bets" ALTER COLUMN "price_taken" SET DATA TYPE numeric(12, 6);--> statement-breakpoint
ALTER TABLE "bets" ALTER COLUMN "stake" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "bets" ALTER COLUMN "closing_price" SET DATA TYPE numeric(12, 6);--> statement-breakpoint
ALTER TABLE "bets" ALTER COLUMN "pnl" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "portfolios" ALTER COLUMN "starting_bankroll" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "audit_snapshots" ALTER COLUMN "prev_hash" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_snapshots" ALTER COLUMN "created_at" SET DATA TYPE timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "audit_snapshots" ALTER COLUMN "created_at" SET DEFAULT now();--> statement-breakpoint
ALTER TABLE "bets" ADD COLUMN "user_id" uuid NOT NULL;--> statement-breakpoint
ALTER TABLE "bets" ADD COLUMN "source" "bet_source" DEFAULT 'quote' NOT NULL;--> statement-breakpoint
ALTER TABLE "bets" ADD COLUMN "prop" text;--> statement-breakpoint
ALTER TABLE "bets" ADD COLUMN "model_version_id" integer;--> statement-breakpoint
ALTER TABLE "bets" ADD COLUMN "closing_source" "closing_source";--> statement-breakpoint
ALTER TABLE "bets" ADD COLUMN "closing_bookmaker_id" integer;--> statement-breakpoint
ALTER TABLE "bets" ADD COLUMN "fair_closing_probability" double precision;--> statement-breakpoint
ALTER TABLE "bets" ADD COLUMN "clv" double precision;--> statement-breakpoint
ALTER TABLE "bets" ADD COLUMN "closing_captured_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "portfolios" ADD COLUMN "archived_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "audit_snapshots" ADD COLUMN "actor" text NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_snapshots" ADD COLUMN "subject" text NOT NULL;--> statement-breakpoint
ALTER TABLE "bet_settlements" ADD CONSTRAINT "bet_settlements_bet_id_bets_id_fk" FOREIGN KEY ("bet_id") REFERENCES "public"."bets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bets" ADD CONSTRAINT "bets_model_version_id_model_versions_id_fk" FOREIGN KEY ("model_version_id") REFERENCES "public"."model_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bets" ADD CONSTRAINT "bets_closing_bookmaker_id_bookmakers_id_fk" FOREIGN KEY ("closing_bookmaker_id") REFERENCES "public"."bookmakers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- The unique (id, user_id) the composite foreign key below references must exist first (drizzle-kit orders it after).
ALTER TABLE "portfolios" ADD CONSTRAINT "portfolios_id_user_key" UNIQUE("id","user_id");--> statement-breakpoint
ALTER TABLE "bets" ADD CONSTRAINT "bets_portfolio_owner_fk" FOREIGN KEY ("portfolio_id","user_id") REFERENCES "public"."portfolios"("id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bets_portfolio_idx" ON "bets" USING btree ("portfolio_id","placed_at");--> statement-breakpoint
CREATE INDEX "bets_pending_fixture_idx" ON "bets" USING btree ("fixture_id") WHERE "bets"."result" = 'pending';--> statement-breakpoint
CREATE INDEX "audit_snapshots_subject_idx" ON "audit_snapshots" USING btree ("subject");--> statement-breakpoint
ALTER TABLE "bets" ADD CONSTRAINT "bets_client_ref_key" UNIQUE("user_id","client_ref");--> statement-breakpoint
ALTER TABLE "audit_snapshots" ADD CONSTRAINT "audit_snapshots_prev_hash_key" UNIQUE("prev_hash");--> statement-breakpoint
ALTER TABLE "bets" ADD CONSTRAINT "bets_stake_positive" CHECK ("bets"."stake" > 0);--> statement-breakpoint
ALTER TABLE "bets" ADD CONSTRAINT "bets_price_taken_above_one" CHECK ("bets"."price_taken" > 1);--> statement-breakpoint
ALTER TABLE "bets" ADD CONSTRAINT "bets_closing_price_above_one" CHECK ("bets"."closing_price" IS NULL OR "bets"."closing_price" > 1);--> statement-breakpoint
ALTER TABLE "bets" ADD CONSTRAINT "bets_model_probability_range" CHECK ("bets"."model_probability" IS NULL OR ("bets"."model_probability" >= 0 AND "bets"."model_probability" <= 1));--> statement-breakpoint
ALTER TABLE "bets" ADD CONSTRAINT "bets_fair_closing_probability_range" CHECK ("bets"."fair_closing_probability" IS NULL OR ("bets"."fair_closing_probability" > 0 AND "bets"."fair_closing_probability" <= 1));--> statement-breakpoint
ALTER TABLE "bets" ADD CONSTRAINT "bets_client_ref_not_blank" CHECK (btrim("bets"."client_ref") <> '');--> statement-breakpoint
ALTER TABLE "bets" ADD CONSTRAINT "bets_settled_consistent" CHECK (("bets"."result" = 'pending') = ("bets"."pnl" IS NULL) AND ("bets"."result" = 'pending') = ("bets"."settled_at" IS NULL));--> statement-breakpoint
ALTER TABLE "bets" ADD CONSTRAINT "bets_pnl_at_least_minus_stake" CHECK ("bets"."pnl" IS NULL OR "bets"."pnl" >= -"bets"."stake");--> statement-breakpoint
ALTER TABLE "bets" ADD CONSTRAINT "bets_player_prop_has_player" CHECK (("bets"."market" = 'player_prop') = ("bets"."player_id" IS NOT NULL AND "bets"."prop" IS NOT NULL));--> statement-breakpoint
ALTER TABLE "portfolios" ADD CONSTRAINT "portfolios_currency_iso" CHECK ("portfolios"."currency" ~ '^[A-Z]{3}$');--> statement-breakpoint
ALTER TABLE "portfolios" ADD CONSTRAINT "portfolios_starting_bankroll_positive" CHECK ("portfolios"."starting_bankroll" > 0);--> statement-breakpoint
ALTER TABLE "portfolios" ADD CONSTRAINT "portfolios_name_not_blank" CHECK (btrim("portfolios"."name") <> '');--> statement-breakpoint
ALTER TABLE "audit_snapshots" ADD CONSTRAINT "audit_snapshots_hash_hex" CHECK ("audit_snapshots"."hash" ~ '^[0-9a-f]{64}$' AND "audit_snapshots"."prev_hash" ~ '^[0-9a-f]{64}$');--> statement-breakpoint
ALTER TABLE "audit_snapshots" ADD CONSTRAINT "audit_snapshots_not_self_linked" CHECK ("audit_snapshots"."hash" <> "audit_snapshots"."prev_hash");