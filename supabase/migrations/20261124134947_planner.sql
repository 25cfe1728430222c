CREATE TYPE "public"."goal_horizon" AS ENUM('short', 'medium', 'long');--> statement-breakpoint
CREATE TYPE "public"."goal_status" AS ENUM('active', 'completed', 'paused', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."plan_item_status" AS ENUM('todo', 'in_progress', 'done', 'skipped');--> statement-breakpoint
CREATE TYPE "public"."plan_status" AS ENUM('draft', 'active', 'completed');--> statement-breakpoint
CREATE TYPE "public"."priority" AS ENUM('low', 'medium', 'high', 'urgent');--> statement-breakpoint
CREATE TABLE "daily_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"date" date NOT NULL,
	"summary" text,
	"status" "plan_status" DEFAULT 'draft' NOT NULL,
	"weekly_plan_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "daily_plans_user_date_key" UNIQUE("user_id","date")
);
--> statement-breakpoint
ALTER TABLE "daily_plans" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "goals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"horizon" "goal_horizon" NOT NULL,
	"status" "goal_status" DEFAULT 'active' NOT NULL,
	"priority" "priority" DEFAULT 'medium' NOT NULL,
	"target_date" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "goals_title_not_blank" CHECK (length(trim("goals"."title")) > 0)
);
--> statement-breakpoint
ALTER TABLE "goals" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "plan_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"daily_plan_id" uuid NOT NULL,
	"goal_id" uuid,
	"title" text NOT NULL,
	"notes" text,
	"status" "plan_item_status" DEFAULT 'todo' NOT NULL,
	"priority" "priority" DEFAULT 'medium' NOT NULL,
	"position" integer NOT NULL,
	"estimate_minutes" integer,
	"pinned" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_items_title_not_blank" CHECK (length(trim("plan_items"."title")) > 0),
	CONSTRAINT "plan_items_estimate_range" CHECK ("plan_items"."estimate_minutes" is null or "plan_items"."estimate_minutes" between 0 and 1440)
);
--> statement-breakpoint
ALTER TABLE "plan_items" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "weekly_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"week_start" date NOT NULL,
	"summary" text,
	"focus_areas" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" "plan_status" DEFAULT 'draft' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "weekly_plans_user_week_key" UNIQUE("user_id","week_start"),
	CONSTRAINT "weekly_plans_week_start_is_monday" CHECK (extract(isodow from "weekly_plans"."week_start") = 1)
);
--> statement-breakpoint
ALTER TABLE "weekly_plans" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "profiles" ADD COLUMN "daily_capacity_minutes" integer DEFAULT 480 NOT NULL;--> statement-breakpoint
ALTER TABLE "daily_plans" ADD CONSTRAINT "daily_plans_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "auth"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "daily_plans" ADD CONSTRAINT "daily_plans_weekly_plan_id_weekly_plans_id_fk" FOREIGN KEY ("weekly_plan_id") REFERENCES "public"."weekly_plans"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goals" ADD CONSTRAINT "goals_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "auth"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_items" ADD CONSTRAINT "plan_items_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "auth"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_items" ADD CONSTRAINT "plan_items_daily_plan_id_daily_plans_id_fk" FOREIGN KEY ("daily_plan_id") REFERENCES "public"."daily_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_items" ADD CONSTRAINT "plan_items_goal_id_goals_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."goals"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "weekly_plans" ADD CONSTRAINT "weekly_plans_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "auth"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "daily_plans_weekly_plan_idx" ON "daily_plans" USING btree ("weekly_plan_id");--> statement-breakpoint
CREATE INDEX "goals_user_status_priority_idx" ON "goals" USING btree ("user_id","status","priority");--> statement-breakpoint
CREATE INDEX "plan_items_day_position_idx" ON "plan_items" USING btree ("daily_plan_id","position");--> statement-breakpoint
CREATE INDEX "plan_items_user_goal_idx" ON "plan_items" USING btree ("user_id","goal_id");--> statement-breakpoint
CREATE POLICY "daily_plans_select_own" ON "daily_plans" AS PERMISSIVE FOR SELECT TO "authenticated" USING ("daily_plans"."user_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "daily_plans_insert_own" ON "daily_plans" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK ("daily_plans"."user_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "daily_plans_update_own" ON "daily_plans" AS PERMISSIVE FOR UPDATE TO "authenticated" USING ("daily_plans"."user_id" = (select auth.uid())) WITH CHECK ("daily_plans"."user_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "daily_plans_delete_own" ON "daily_plans" AS PERMISSIVE FOR DELETE TO "authenticated" USING ("daily_plans"."user_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "goals_select_own" ON "goals" AS PERMISSIVE FOR SELECT TO "authenticated" USING ("goals"."user_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "goals_insert_own" ON "goals" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK ("goals"."user_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "goals_update_own" ON "goals" AS PERMISSIVE FOR UPDATE TO "authenticated" USING ("goals"."user_id" = (select auth.uid())) WITH CHECK ("goals"."user_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "goals_delete_own" ON "goals" AS PERMISSIVE FOR DELETE TO "authenticated" USING ("goals"."user_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "plan_items_select_own" ON "plan_items" AS PERMISSIVE FOR SELECT TO "authenticated" USING ("plan_items"."user_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "plan_items_insert_own" ON "plan_items" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK ("plan_items"."user_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "plan_items_update_own" ON "plan_items" AS PERMISSIVE FOR UPDATE TO "authenticated" USING ("plan_items"."user_id" = (select auth.uid())) WITH CHECK ("plan_items"."user_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "plan_items_delete_own" ON "plan_items" AS PERMISSIVE FOR DELETE TO "authenticated" USING ("plan_items"."user_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "weekly_plans_select_own" ON "weekly_plans" AS PERMISSIVE FOR SELECT TO "authenticated" USING ("weekly_plans"."user_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "weekly_plans_insert_own" ON "weekly_plans" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK ("weekly_plans"."user_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "weekly_plans_update_own" ON "weekly_plans" AS PERMISSIVE FOR UPDATE TO "authenticated" USING ("weekly_plans"."user_id" = (select auth.uid())) WITH CHECK ("weekly_plans"."user_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "weekly_plans_delete_own" ON "weekly_plans" AS PERMISSIVE FOR DELETE TO "authenticated" USING ("weekly_plans"."user_id" = (select auth.uid()));