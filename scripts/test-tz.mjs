// Runs the whole jest suite once per machine time zone, so that a date that
// moves with the zone fails the build. Extra arguments go to jest.
import { spawnSync } from 'node:child_process';

const zones = (process.env.CRIMEDELTA_TEST_TZS ?? 'America/Los_Angeles,Asia/Tokyo').split(',');
let failed = false;
for (const tz of zones) {
  console.log(`\n=== jest under TZ=${tz} ===`);
  const r = spawnSync(
    process.execPath,
    ['--experimental-vm-modules', 'node_modules/jest/bin/jest.js', ...process.argv.slice(2)],
    { stdio: 'inherit', env: { ...process.env, TZ: tz } },
  );
  if (r.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
