ALTER TYPE "public"."model_kind" ADD VALUE 'soccer_model';--> statement-breakpoint
ALTER TYPE "public"."model_kind" ADD VALUE 'soccer_ensemble';