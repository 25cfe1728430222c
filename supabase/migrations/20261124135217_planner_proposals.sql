CREATE TYPE "public"."proposal_status" AS ENUM('pending', 'applied', 'rejected');--> statement-breakpoint
CREATE TABLE "planner_proposals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"conversation_id" uuid,
	"message_id" uuid,
	"summary" text NOT NULL,
	"changes" jsonb NOT NULL,
	"status" "proposal_status" DEFAULT 'pending' NOT NULL,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "planner_proposals" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "planner_proposals" ADD CONSTRAINT "planner_proposals_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "auth"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "planner_proposals_user_status_idx" ON "planner_proposals" USING btree ("user_id","status","created_at");--> statement-breakpoint
CREATE INDEX "planner_proposals_conversation_idx" ON "planner_proposals" USING btree ("conversation_id");--> statement-breakpoint
CREATE POLICY "planner_proposals_select_own" ON "planner_proposals" AS PERMISSIVE FOR SELECT TO "authenticated" USING ("planner_proposals"."user_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "planner_proposals_insert_own" ON "planner_proposals" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK ("planner_proposals"."user_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "planner_proposals_update_own" ON "planner_proposals" AS PERMISSIVE FOR UPDATE TO "authenticated" USING ("planner_proposals"."user_id" = (select auth.uid())) WITH CHECK ("planner_proposals"."user_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "planner_proposals_delete_own" ON "planner_proposals" AS PERMISSIVE FOR DELETE TO "authenticated" USING ("planner_proposals"."user_id" = (select auth.uid()));