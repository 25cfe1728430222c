import type { NextConfig } from 'next';

const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Workspace packages ship built ESM; the web app only needs their types from @waypoint/core.
  transpilePackages: ['@waypoint/client'],
  turbopack: { root: new URL('../..', import.meta.url).pathname },
};

export default config;
