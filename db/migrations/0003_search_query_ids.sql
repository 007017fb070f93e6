-- Search query ids become UUIDs the server makes before the row is written (db/schema/search.ts).
-- Hand-written instead of drizzle-kit's "SET DATA TYPE uuid", which has no cast from integer:
-- every existing search gets a new id and its clicks follow it.
ALTER TABLE "search_clicks" DROP CONSTRAINT "search_clicks_query_id_search_queries_id_fk";--> statement-breakpoint
ALTER TABLE "search_queries" ADD COLUMN "new_id" uuid DEFAULT gen_random_uuid() NOT NULL;--> statement-breakpoint
ALTER TABLE "search_clicks" ADD COLUMN "new_query_id" uuid;--> statement-breakpoint
UPDATE "search_clicks" SET "new_query_id" = "search_queries"."new_id" FROM "search_queries" WHERE "search_queries"."id" = "search_clicks"."query_id";--> statement-breakpoint
DELETE FROM "search_clicks" WHERE "new_query_id" IS NULL;--> statement-breakpoint
ALTER TABLE "search_clicks" DROP COLUMN "query_id";--> statement-breakpoint
ALTER TABLE "search_clicks" RENAME COLUMN "new_query_id" TO "query_id";--> statement-breakpoint
ALTER TABLE "search_clicks" ALTER COLUMN "query_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "search_queries" DROP COLUMN "id";--> statement-breakpoint
ALTER TABLE "search_queries" RENAME COLUMN "new_id" TO "id";--> statement-breakpoint
ALTER TABLE "search_queries" ADD CONSTRAINT "search_queries_pkey" PRIMARY KEY ("id");--> statement-breakpoint
ALTER TABLE "search_clicks" ADD CONSTRAINT "search_clicks_query_id_search_queries_id_fk" FOREIGN KEY ("query_id") REFERENCES "public"."search_queries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "search_clicks_query_idx" ON "search_clicks" USING btree ("query_id");
