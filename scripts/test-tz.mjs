// Runs the jest suite once per machine time zone, so that a date that moves
// with the zone fails the build. The byte-level scanner tests (test/unit/io)
// cannot depend on the zone and are slow, so they run under the first zone
// only. Extra arguments go to jest. Prints one summary line at the end.
import { spawnSync } from 'node:child_process';

const zones = (process.env.CRIMEDELTA_TEST_TZS ?? 'America/Los_Angeles,Asia/Tokyo').split(',');
const failedZones = [];
zones.forEach((tz, i) => {
  console.log(`\n=== jest under TZ=${tz} ===`);
  const skip = i === 0 ? [] : ['--testPathIgnorePatterns', '/test/unit/io/'];
  const r = spawnSync(
    process.execPath,
    ['--experimental-vm-modules', 'node_modules/jest/bin/jest.js', ...skip, ...process.argv.slice(2)],
    { stdio: 'inherit', env: { ...process.env, TZ: tz } },
  );
  if (r.status !== 0) failedZones.push(tz);
});
console.log(failedZones.length ? `\njest failed under: ${failedZones.join(', ')}` : `\njest passed under: ${zones.join(', ')}`);
process.exit(failedZones.length ? 1 : 0);
