import { describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const gen = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bench', 'gen-incidents.mjs');

function run(...args: string[]): Buffer {
  const r = spawnSync(process.execPath, [gen, ...args], { maxBuffer: 1 << 26 });
  expect(r.status).toBe(0);
  return r.stdout;
}

describe('bench/gen-incidents.mjs', () => {
  test('is deterministic and byte-identical to shared/bench/gen-incidents.js', () => {
    const out = run('--rows', '1000', '--seed', '42');
    // sha256 of `node shared/bench/gen-incidents.js --rows 1000 --seed 42`
    expect(createHash('sha256').update(out).digest('hex')).toBe('048f963b6a741924395a9ae7edd7987de23a8a0571e7863d0894a850d95c1fee');
    expect(run('--rows', '1000', '--seed', '42').equals(out)).toBe(true);
    expect(run('--rows', '1000', '--seed', '43').equals(out)).toBe(false);
  });

  test('writes the Chicago header and one line per row', () => {
    const text = run('--rows', '50', '--seed', '1').toString('utf8');
    const lines = text.split('\n');
    expect(lines[0]).toBe(
      'ID,Case Number,Date,Block,IUCR,Primary Type,Description,Location Description,Arrest,Domestic,Beat,District,Ward,Community Area,FBI Code,X Coordinate,Y Coordinate,Year,Updated On,Latitude,Longitude,Location',
    );
    expect(lines).toHaveLength(52); // header + 50 rows + '' after the final newline
    expect(lines[1]).toMatch(/^\d+,J[C-H]\d+,\d\d\/\d\d\/20(19|2[0-4]) \d\d:\d\d:\d\d [AP]M,"/);
  });
});
