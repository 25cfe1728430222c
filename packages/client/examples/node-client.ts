// Runs against a running API (`pnpm start` or `pnpm --filter @waypoint/api start`):
//   API_URL=http://127.0.0.1:4000 pnpm --filter @waypoint/client example
import { createWaypointAuth, createWaypointClient } from '../src/index.ts';
import { loadExampleEnv } from './env.ts';

const { url, email, password } = loadExampleEnv();

const auth = createWaypointAuth({ url });
await auth.signIn(email, password);
const waypoint = createWaypointClient({ url, getAccessToken: auth.accessToken });

const me = await waypoint.account.me.query();
console.log(`Signed in as ${me.email} (${me.timezone})`);
const goals = await waypoint.planner.goals.list.query({ status: 'active' });
for (const goal of goals) console.log(`- [${goal.priority}] ${goal.title} (${goal.horizon})`);
await auth.signOut();
