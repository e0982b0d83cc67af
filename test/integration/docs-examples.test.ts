import { spawnSync } from 'node:child_process';
import { describe, expect, test } from '@jest/globals';
import { ROOT } from '../helpers/run-cli.js';

describe('examples in the README and docs/', () => {
  test('every `$ crimedelta …` example prints what the page shows under it', () => {
    const r = spawnSync(process.execPath, ['scripts/docs-examples.mjs'], { cwd: ROOT, encoding: 'utf8' });
    // On failure stdout names each example that differs: check the change, then
    // `npm run docs:examples -- --update` rewrites them.
    expect({ code: r.status, stdout: r.stdout.replace(/^.* on real data skipped: .*\n/m, '') }).toEqual({
      code: 0,
      stdout: 'every example is true\n',
    });
  }, 60_000);
});
