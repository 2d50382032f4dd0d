// The static checks of `npm test` — formatter and linter, unused code, both type checks, and
// whether docs/openapi.json and the web app's generated API types are current — in two lanes at
// once (two cores here; the server's type check alone takes as long as the other three).
// Each lane stops at its first failure; the script fails if either lane does, after both finish.
import { spawn } from 'node:child_process';

const lanes = [
  [
    ['tsc', '-p', 'tsconfig.json'],
    ['tsx', 'scripts/openapi.ts', '--check'],
  ],
  [['biome', 'ci', '.'], ['knip'], ['tsc', '-p', 'web/tsconfig.json']],
];

function run([cmd, ...args]) {
  return new Promise((resolve) => {
    const child = spawn(`node_modules/.bin/${cmd}`, args, { stdio: 'inherit' });
    child.on('close', (code) => resolve(code === 0));
    child.on('error', () => resolve(false));
  });
}

async function lane(commands) {
  for (const command of commands) {
    if (!(await run(command))) {
      console.error(`failed: ${command.join(' ')}`);
      return false;
    }
  }
  return true;
}

const results = await Promise.all(lanes.map(lane));
process.exit(results.every(Boolean) ? 0 : 1);
