#!/usr/bin/env node
// Runs every example in the README and docs/ (a fenced block whose lines
// start with `$ crimedelta …`, continued by a trailing `\`) and compares its
// output (standard error and output, in the order written, as `2>&1` shows
// them) with the lines under it. --update rewrites the blocks with the real
// output. Run from the project root after `npm run build`. An example on
// files outside the repository (real data) runs in CRIMEDELTA_REAL_DATA
// (../shared/data/real by default) and is skipped when that folder is missing.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DOC_FILES = ['README.md', 'docs/guide.md', 'docs/errors.md', 'docs/statistics.md', 'docs/performance.md'];

/** The examples of one document: where each sits (line indexes) and its command and output. */
export function examples(text) {
  const lines = text.split('\n');
  const out = [];
  let inFence = false;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].startsWith('```')) {
      inFence = !inFence;
      continue;
    }
    if (!inFence || !lines[i].startsWith('$ crimedelta')) continue;
    const start = i;
    let cmd = lines[i].slice(2);
    while (cmd.endsWith('\\')) cmd = `${cmd.slice(0, -1).trimEnd()} ${lines[++i].trim()}`;
    const outStart = i + 1;
    let end = outStart;
    while (end < lines.length && !lines[end].startsWith('```') && !lines[end].startsWith('$ ')) end++;
    out.push({ start, outStart, end, cmd, expected: lines.slice(outStart, end).join('\n') });
    i = end - 1;
  }
  return out;
}

const realData = process.env.CRIMEDELTA_REAL_DATA ?? join(root, '../shared/data/real');

/** Where an example runs: the project, or the real-data folder for files not in the repository (null: not here). */
export function folderFor(cmd) {
  if (/ (fixtures\/|--sample)/.test(cmd) || !/ [\w-]+\/[^ ]*\.csv/.test(cmd)) return root;
  return existsSync(realData) ? realData : null;
}

/** Runs one example's command (crimedelta is the built CLI) and returns what a terminal shows, 2>&1. */
export function run(cmd, cwd = root) {
  const shell = `${cmd.replace(/^crimedelta\b/, `node ${JSON.stringify(join(root, 'dist/bin/crimedelta.js'))}`)} 2>&1; echo "[exit $?]"`;
  const env = { ...process.env, TZ: 'UTC', NO_COLOR: '1' };
  delete env.COLUMNS;
  delete env.FORCE_COLOR;
  const text = execFileSync('sh', ['-c', shell], { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const m = /\n?\[exit (\d+)\]\n$/.exec(text);
  return { output: text.slice(0, m.index).replace(/\n$/, ''), code: Number(m[1]) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const update = process.argv.includes('--update');
  let bad = 0;
  let skipped = 0;
  for (const file of DOC_FILES) {
    const path = join(root, file);
    const text = readFileSync(path, 'utf8');
    const lines = text.split('\n');
    const found = examples(text);
    for (const ex of found.reverse()) {
      const cwd = folderFor(ex.cmd);
      if (cwd === null) {
        skipped++;
        continue;
      }
      const got = run(ex.cmd, cwd).output;
      if (got === ex.expected) continue;
      bad++;
      console.log(`${file}:${ex.start + 1}: ${ex.cmd}`);
      if (update) lines.splice(ex.outStart, ex.end - ex.outStart, ...got.split('\n'));
    }
    if (update) writeFileSync(path, lines.join('\n'));
  }
  if (skipped) console.log(`${skipped} example(s) on real data skipped: ${realData} is missing`);
  console.log(
    bad === 0
      ? 'every example is true'
      : `${bad} example(s) ${update ? 'rewritten' : 'differ (npm run docs:examples -- --update rewrites them)'}`,
  );
  process.exitCode = bad && !update ? 1 : 0;
}
