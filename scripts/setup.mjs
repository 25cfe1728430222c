// Makes a fresh clone runnable with only Node and npm: installs pnpm 12 when it is missing (corepack
// cannot fetch it here), then the workspace's dependencies. Idempotent and quiet when all is there.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const quiet = process.argv.includes('--quiet');
const run = (command) => execSync(command, { stdio: quiet ? 'ignore' : 'inherit' });
const say = (message) => quiet || console.log(`\u203a ${message}`);

function pnpmMajor() {
  try {
    return Number(execSync('pnpm --version', { encoding: 'utf8' }).trim().split('.')[0]);
  } catch {
    return 0;
  }
}

if (pnpmMajor() < 12) {
  say('installing pnpm 12 (npm i -g pnpm@12)');
  run('npm install --global pnpm@12');
}
if (!existsSync('node_modules/.modules.yaml') || process.argv.includes('--install')) {
  say('installing dependencies (pnpm install)');
  run('pnpm install --frozen-lockfile');
}
