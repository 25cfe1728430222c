export type { AppRouter, RouterInputs, RouterOutputs, WaypointErrorData } from '@waypoint/core';
export {
  createWaypointAuth,
  LOCAL_ANON_KEY,
  type WaypointAuth,
  type WaypointAuthOptions,
} from './auth.ts';
export {
  type AccessTokenGetter,
  createWaypointClient,
  type WaypointClient,
  type WaypointClientOptions,
} from './client.ts';
