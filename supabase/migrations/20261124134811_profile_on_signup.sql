-- Every new auth user gets a profile row, whoever created the user (Supabase Auth, the local
-- auth server, or an admin). SECURITY DEFINER because the auth service inserts users under its
-- own role, which has no rights on public.profiles.
CREATE OR REPLACE FUNCTION public.handle_new_auth_user() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = '' AS $fn$
BEGIN
  INSERT INTO public.profiles (id, display_name)
  VALUES (NEW.id, nullif(NEW.raw_user_meta_data ->> 'display_name', ''))
  ON CONFLICT (id) DO NOTHING;
  RETURN NEW;
END
$fn$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS on_auth_user_created_create_profile ON auth.users;
--> statement-breakpoint
CREATE TRIGGER on_auth_user_created_create_profile
  AFTER INSERT ON auth.users
  FOR EACH ROW EXECUTE FUNCTION public.handle_new_auth_user();
