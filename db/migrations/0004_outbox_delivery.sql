ALTER TABLE "outbox" ADD COLUMN "action_link" text;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;