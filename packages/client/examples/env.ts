/**
 * The example's settings, read in one place: where the API runs and whom to sign in as (by
 * default the demo user `pnpm start` seeds).
 */
export function loadExampleEnv(source: Record<string, string | undefined> = process.env) {
  const url = source.API_URL ?? 'http://127.0.0.1:4000';
  if (!URL.canParse(url)) throw new Error(`API_URL is not a URL: ${url}`);
  return {
    url,
    email: source.WAYPOINT_EMAIL ?? 'demo@waypoint.local',
    password: source.WAYPOINT_PASSWORD ?? 'waypoint-demo',
  };
}
