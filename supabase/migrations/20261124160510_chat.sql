CREATE TYPE "public"."message_role" AS ENUM('user', 'assistant');--> statement-breakpoint
CREATE TYPE "public"."message_status" AS ENUM('streaming', 'complete', 'stopped', 'failed', 'interrupted');--> statement-breakpoint
CREATE TABLE "conversations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"assistant" text NOT NULL,
	"title" text,
	"context_type" text,
	"context_id" text,
	"active_leaf_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "conversations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"conversation_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"parent_id" uuid,
	"role" "message_role" NOT NULL,
	"parts" jsonb NOT NULL,
	"status" "message_status" NOT NULL,
	"models" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"usage" jsonb,
	"metadata" jsonb,
	"error" text,
	"client_message_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "messages" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "auth"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "auth"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_parent_id_messages_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conversations_user_updated_idx" ON "conversations" USING btree ("user_id","updated_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "conversations_user_assistant_updated_idx" ON "conversations" USING btree ("user_id","assistant","updated_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "conversations_user_context_idx" ON "conversations" USING btree ("user_id","context_type","context_id");--> statement-breakpoint
CREATE INDEX "messages_conversation_created_idx" ON "messages" USING btree ("conversation_id","created_at");--> statement-breakpoint
CREATE INDEX "messages_parent_idx" ON "messages" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "messages_streaming_idx" ON "messages" USING btree ("status") WHERE status = 'streaming';--> statement-breakpoint
CREATE UNIQUE INDEX "messages_client_message_id_key" ON "messages" USING btree ("conversation_id","client_message_id") WHERE client_message_id is not null;--> statement-breakpoint
CREATE POLICY "conversations_select_own" ON "conversations" AS PERMISSIVE FOR SELECT TO "authenticated" USING ("conversations"."user_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "conversations_insert_own" ON "conversations" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK ("conversations"."user_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "conversations_update_own" ON "conversations" AS PERMISSIVE FOR UPDATE TO "authenticated" USING ("conversations"."user_id" = (select auth.uid())) WITH CHECK ("conversations"."user_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "conversations_delete_own" ON "conversations" AS PERMISSIVE FOR DELETE TO "authenticated" USING ("conversations"."user_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "messages_select_own" ON "messages" AS PERMISSIVE FOR SELECT TO "authenticated" USING ("messages"."user_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "messages_insert_own" ON "messages" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK ("messages"."user_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "messages_update_own" ON "messages" AS PERMISSIVE FOR UPDATE TO "authenticated" USING ("messages"."user_id" = (select auth.uid())) WITH CHECK ("messages"."user_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "messages_delete_own" ON "messages" AS PERMISSIVE FOR DELETE TO "authenticated" USING ("messages"."user_id" = (select auth.uid()));