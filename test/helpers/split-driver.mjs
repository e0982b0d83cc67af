// Runs the built CLI in one process several times, once per byte offset at
// which the input is split between two threads (CRIMEDELTA_SPLIT_AT), and
// once on one thread (offset null), and prints the results as JSON:
//   node test/helpers/split-driver.mjs '{"args": [...], "offsets": [null, 300000, ...]}'
// With "replace": {"path": P, "original": A, "other": B}, each run starts with
// a copy of A at P, and B is renamed over P as soon as the CLI has opened it
// (as a download replacing the file would): the run must still read A.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { PassThrough, Writable } from 'node:stream';
import { main } from '../../dist/src/cli/main.js';

const { args, offsets, replace } = JSON.parse(process.argv[2]);
let replaceNext = null;
if (replace) {
  const open = fs.openSync;
  fs.openSync = (...a) => {
    const fd = open(...a);
    if (replaceNext !== null && a[0] === replace.path) {
      fs.renameSync(replaceNext, replace.path);
      replaceNext = null;
    }
    return fd;
  };
  syncBuiltinESMExports();
}

function sink() {
  const chunks = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      chunks.push(Buffer.from(chunk));
      cb();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

const results = [];
for (const at of offsets) {
  const env = { NO_COLOR: '1', ...(at === null ? { CRIMEDELTA_THREADS: '1' } : { CRIMEDELTA_SPLIT_AT: String(at) }) };
  if (replace) {
    fs.copyFileSync(replace.original, replace.path);
    fs.copyFileSync(replace.other, `${replace.path}.next`);
    replaceNext = `${replace.path}.next`;
  }
  const out = sink();
  const err = sink();
  const stdin = new PassThrough();
  stdin.end();
  const code = await main(args, {
    stdout: out.stream,
    stderr: err.stream,
    stdin,
    env,
    now: () => new Date(2025, 5, 30),
  });
  results.push({ at, code, stdout: out.text(), stderr: err.text() });
}
process.stdout.write(JSON.stringify(results));
