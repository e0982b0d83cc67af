// Runs the jest suite (the unit, integration and e2e projects) once per
// machine time zone, so that a date that moves with the zone fails the build.
// The tests of the byte scanner and the readers cannot depend on the zone and
// are slow, so they run under the first zone only. Extra arguments go to jest.
// Ends with one summary line over all runs, and leaves nothing in the temp folder.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const zones = (process.env.CRIMEDELTA_TEST_TZS ?? 'America/Los_Angeles,Asia/Tokyo').split(',');
const dir = mkdtempSync(join(tmpdir(), 'crimedelta-jest-'));
const failedZones = [];
let passed = 0;
let failed = 0;
zones.forEach((tz, i) => {
  console.log(`\n=== jest under TZ=${tz} ===`);
  const skip =
    i === 0
      ? []
      : [
          '--testPathIgnorePatterns',
          '/test/unit/io/',
          '/test/integration/(scanner-differential|split|reader-paths|nothing-lost|gen-incidents)',
        ];
  const out = join(dir, `${i}.json`);
  const r = spawnSync(
    process.execPath,
    ['--experimental-vm-modules', 'node_modules/jest/bin/jest.js', ...skip, '--json', `--outputFile=${out}`, ...process.argv.slice(2)],
    { stdio: 'inherit', env: { ...process.env, TZ: tz } },
  );
  try {
    const res = JSON.parse(readFileSync(out, 'utf8'));
    passed += res.numPassedTests;
    failed += res.numFailedTests;
  } catch {
    failed += 1; // jest did not even report
  }
  if (r.status !== 0) failedZones.push(tz);
});
rmSync(dir, { recursive: true, force: true });
console.log(failedZones.length ? `\njest failed under: ${failedZones.join(', ')}` : `\njest passed under: ${zones.join(', ')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failedZones.length ? 1 : 0);
