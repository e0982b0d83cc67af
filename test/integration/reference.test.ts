import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { ROOT, runCli } from '../helpers/run-cli.js';

/** Runs scripts/gen-reference.mjs (which runs the built CLI) with these arguments. */
function genReference(args: string[]) {
  const r = spawnSync(process.execPath, ['scripts/gen-reference.mjs', ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('docs/reference (generated from --help)', () => {
  test('every page matches what npm run docs would write now', () => {
    const r = genReference(['--check']);
    // On failure the message names the stale pages: run `npm run docs` and commit them.
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
  });

  test("there is one page per command crimedelta --help lists, holding that command's --help", () => {
    const commands = [...runCli(['--help']).stdout.matchAll(/^ {2}([a-z][a-z0-9-]*) \[options\]/gm)].map((m) => m[1]);
    expect(commands).toEqual(expect.arrayContaining(['compare', 'trend', 'compstat', 'inspect', 'evaluate']));
    const pages = readdirSync(join(ROOT, 'docs', 'reference'))
      .filter((f) => f.endsWith('.md'))
      .sort();
    expect(pages).toEqual(commands.map((c) => `${c}.md`).sort());
    for (const page of pages) {
      const command = page.replace(/\.md$/, '');
      const help = runCli([command, '--help']).stdout.trimEnd();
      expect(readFileSync(join(ROOT, 'docs', 'reference', page), 'utf8')).toContain(help);
    }
  });

  test('--check fails, naming the page, when a page is out of date', () => {
    const dir = mkdtempSync(join(tmpdir(), 'crimedelta-reference-'));
    try {
      expect(genReference(['--out', dir]).code).toBe(0);
      const page = join(dir, 'trend.md');
      writeFileSync(page, readFileSync(page, 'utf8').replace('--every <period>', '--every <old>'));
      const r = genReference(['--check', '--out', dir]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/out of date with --help or src\/errors\.ts: .*trend\.md; run npm run docs/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
