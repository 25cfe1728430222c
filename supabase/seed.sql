-- Demo data for a local Supabase stack (`supabase db reset`). Creates the demo user
-- demo@waypoint.local / waypoint-demo through auth.users (pgcrypto's bcrypt, as GoTrue stores
-- it); the profile is created by the sign-up trigger. On the embedded default the API's
-- `pnpm db:seed` creates the same user through the local auth server instead.
DO $seed$
DECLARE
  demo_id uuid := '5e6b5a2e-0000-4000-8000-000000000001';
BEGIN
  IF NOT EXISTS (SELECT 1 FROM auth.users WHERE email = 'demo@waypoint.local') THEN
    INSERT INTO auth.users (
      instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
      raw_app_meta_data, raw_user_meta_data, created_at, updated_at
    ) VALUES (
      '00000000-0000-0000-0000-000000000000', demo_id, 'authenticated', 'authenticated',
      'demo@waypoint.local', extensions.crypt('waypoint-demo', extensions.gen_salt('bf')), now(),
      '{"provider":"email","providers":["email"]}', '{"display_name":"Demo Explorer"}', now(), now()
    );
    INSERT INTO auth.identities (
      id, user_id, provider_id, identity_data, provider, created_at, updated_at
    ) VALUES (
      gen_random_uuid(), demo_id, demo_id::text,
      jsonb_build_object('sub', demo_id::text, 'email', 'demo@waypoint.local'),
      'email', now(), now()
    );
    UPDATE public.profiles SET timezone = 'Europe/Amsterdam' WHERE id = demo_id;
  END IF;
END
$seed$;
