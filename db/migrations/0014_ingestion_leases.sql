CREATE TABLE "ingestion_leases" (
	"source" text PRIMARY KEY NOT NULL,
	"holder" uuid NOT NULL,
	"acquired_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ingestion_leases_expiry_after_acquired" CHECK ("ingestion_leases"."expires_at" > "ingestion_leases"."acquired_at")
);
