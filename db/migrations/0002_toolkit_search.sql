CREATE TABLE "search_clicks" (
	"id" serial PRIMARY KEY NOT NULL,
	"query_id" integer NOT NULL,
	"document_id" text NOT NULL,
	"position" integer NOT NULL,
	"clicked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search_queries" (
	"id" serial PRIMARY KEY NOT NULL,
	"scope" text NOT NULL,
	"query" text NOT NULL,
	"filters" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"result_count" integer NOT NULL,
	"page" integer DEFAULT 1 NOT NULL,
	"audience" text,
	"sector" text,
	"searched_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search_queue" (
	"document_id" text PRIMARY KEY NOT NULL,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text
);
--> statement-breakpoint
CREATE TABLE "toolkit_saves" (
	"user_id" text NOT NULL,
	"entry_slug" text NOT NULL,
	"saved_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "toolkit_saves_user_id_entry_slug_pk" PRIMARY KEY("user_id","entry_slug")
);
--> statement-breakpoint
CREATE TABLE "toolkit_suggestions" (
	"id" text PRIMARY KEY NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"slug" text,
	"title" text NOT NULL,
	"publisher" text NOT NULL,
	"year" integer NOT NULL,
	"source_url" text NOT NULL,
	"type" text NOT NULL,
	"topics" text[] DEFAULT '{}'::text[] NOT NULL,
	"audiences" text[] DEFAULT '{}'::text[] NOT NULL,
	"regions" text[] DEFAULT '{}'::text[] NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"licence" text NOT NULL,
	"summary" text NOT NULL,
	"how_to_use" text DEFAULT '' NOT NULL,
	"suggested_by" text,
	"reviewed_by" text,
	"reviewed_at" timestamp with time zone,
	"moderator_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "toolkit_votes" (
	"user_id" text NOT NULL,
	"entry_slug" text NOT NULL,
	"useful" boolean NOT NULL,
	"voted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "toolkit_votes_user_id_entry_slug_pk" PRIMARY KEY("user_id","entry_slug")
);
--> statement-breakpoint
ALTER TABLE "search_clicks" ADD CONSTRAINT "search_clicks_query_id_search_queries_id_fk" FOREIGN KEY ("query_id") REFERENCES "public"."search_queries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toolkit_saves" ADD CONSTRAINT "toolkit_saves_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toolkit_suggestions" ADD CONSTRAINT "toolkit_suggestions_suggested_by_users_id_fk" FOREIGN KEY ("suggested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toolkit_suggestions" ADD CONSTRAINT "toolkit_suggestions_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toolkit_votes" ADD CONSTRAINT "toolkit_votes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "search_clicks_query_idx" ON "search_clicks" USING btree ("query_id");--> statement-breakpoint
CREATE INDEX "search_clicks_clicked_at_idx" ON "search_clicks" USING btree ("clicked_at");--> statement-breakpoint
CREATE INDEX "search_queries_searched_at_idx" ON "search_queries" USING btree ("searched_at");--> statement-breakpoint
CREATE INDEX "search_queue_due_idx" ON "search_queue" USING btree ("next_attempt_at");--> statement-breakpoint
CREATE INDEX "toolkit_saves_entry_idx" ON "toolkit_saves" USING btree ("entry_slug");--> statement-breakpoint
CREATE UNIQUE INDEX "toolkit_suggestions_slug_unique" ON "toolkit_suggestions" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "toolkit_suggestions_status_idx" ON "toolkit_suggestions" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "toolkit_suggestions_suggested_by_idx" ON "toolkit_suggestions" USING btree ("suggested_by");--> statement-breakpoint
CREATE INDEX "toolkit_votes_entry_idx" ON "toolkit_votes" USING btree ("entry_slug");