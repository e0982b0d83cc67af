#!/usr/bin/env node
// Writes docs/reference/<command>.md from each command's --help, as printed by
// the built CLI (run `npm run build` first, or `npm run docs`, which does both).
//
//   node scripts/gen-reference.mjs            write the files
//   node scripts/gen-reference.mjs --check    write nothing; exit 1 and name
//                                              the files that differ from what
//                                              would be written now
//   --out DIR                                 another folder (default docs/reference)
//
// The commands are the ones `crimedelta --help` lists, so a new command gets
// its page without touching this script.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CLI = join(ROOT, 'dist/bin/crimedelta.js');

/** The text the built CLI prints for these arguments (no colour, 80 columns, as in a pipe). */
export function cliHelp(args) {
  if (!existsSync(CLI)) throw new Error(`${relative(ROOT, CLI)} is missing: run npm run build first`);
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  if (r.status !== 0) throw new Error(`crimedelta ${args.join(' ')} failed (exit ${r.status}): ${r.stderr}`);
  return r.stdout;
}

/** The command names in the "Commands:" part of `crimedelta --help` (not `help`). */
export function commandNames(topHelp) {
  const lines = topHelp.split('\n');
  const start = lines.findIndex((l) => l.trim() === 'Commands:');
  const names = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === '') break;
    const m = /^ {2}([a-z][a-z0-9-]*)\b/.exec(line);
    if (m && m[1] !== 'help') names.push(m[1]);
  }
  return names;
}

/** The Markdown page for one command, given its --help text. */
export function renderReference(command, help) {
  return [
    `# crimedelta ${command}`,
    '',
    `*Generated from \`crimedelta ${command} --help\` by \`npm run docs\` (scripts/gen-reference.mjs); do not edit.*`,
    '',
    '```text',
    help.replace(/\s+$/, ''),
    '```',
    '',
  ].join('\n');
}

/** Every page that would be written now: [{ command, file (relative to outDir), text }]. */
export function referencePages() {
  return commandNames(cliHelp(['--help'])).map((command) => ({
    command,
    file: `${command}.md`,
    text: renderReference(command, cliHelp([command, '--help'])),
  }));
}

function main(argv) {
  const check = argv.includes('--check');
  const i = argv.indexOf('--out');
  const outDir = i >= 0 ? resolve(argv[i + 1] ?? '') : join(ROOT, 'docs', 'reference');
  const pages = referencePages();
  if (check) {
    const stale = pages.filter((p) => {
      const path = join(outDir, p.file);
      return !existsSync(path) || readFileSync(path, 'utf8') !== p.text;
    });
    if (stale.length) {
      const names = stale.map((p) => relative(process.cwd(), join(outDir, p.file))).join(', ');
      console.error(`gen-reference: out of date with --help: ${names}; run npm run docs and commit the result`);
      return 1;
    }
    console.log(`gen-reference: ${pages.length} pages match --help`);
    return 0;
  }
  mkdirSync(outDir, { recursive: true });
  for (const p of pages) {
    const path = join(outDir, p.file);
    const old = existsSync(path) ? readFileSync(path, 'utf8') : null;
    if (old !== p.text) writeFileSync(path, p.text);
    console.log(`${relative(process.cwd(), path)}${old === p.text ? ' (unchanged)' : ''}`);
  }
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    console.error(`gen-reference: ${e instanceof Error ? e.message : e}`);
    process.exitCode = 1;
  }
}
