import { describe, expect, test } from '@jest/globals';
import { Messages } from '../../../src/cli/messages.js';
import type { Io } from '../../../src/io/output.js';

function messages(opts: ConstructorParameters<typeof Messages>[1] = {}) {
  const lines: string[] = [];
  const stderr = { write: (t: string) => lines.push(t) } as unknown as Io['stderr'];
  const io = { stderr } as Io;
  return { msg: new Messages(io, opts), lines };
}

describe('Messages', () => {
  test('a note said about several files is said once, naming them; another example value is the same note', () => {
    const { msg, lines } = messages();
    msg.beginFiles(['a.csv', 'b.csv', 'dir/c.csv', 'a.csv.gz']);
    msg.note('a.csv: dates carry a UTC offset (e.g. "2021-01-01T10:00Z"); counted as written');
    msg.note('a.csv.gz: dates carry a UTC offset (e.g. "2021-02-01T10:00Z"); counted as written');
    msg.note('b.csv: dates carry a UTC offset (e.g. "2021-03-01T10:00Z"); counted as written');
    msg.note('dir/c.csv: dates carry a UTC offset (e.g. "2021-03-01T10:00Z"); counted as written');
    msg.note('b.csv: 2 date layouts');
    msg.note('not about a file');
    expect(lines).toEqual(['crimedelta: note: not about a file\n']);
    msg.endFiles();
    expect(lines.slice(1)).toEqual([
      'crimedelta: note: 4 files (a.csv … dir/c.csv): dates carry a UTC offset (e.g. "2021-01-01T10:00Z"); counted as written\n',
      'crimedelta: note: b.csv: 2 date layouts\n',
    ]);
    // After the files: said at once again.
    msg.note('a.csv: later');
    expect(lines[3]).toBe('crimedelta: note: a.csv: later\n');
  });

  test('up to 3 files are all named; --quiet holds nothing back and says nothing', () => {
    const { msg, lines } = messages();
    msg.beginFiles(['a.csv', 'b.csv']);
    msg.note('a.csv: x');
    msg.note('b.csv: x');
    msg.endFiles();
    expect(lines).toEqual(['crimedelta: note: 2 files (a.csv, b.csv): x\n']);
    const quiet = messages({ quiet: true });
    quiet.msg.beginFiles(['a.csv']);
    quiet.msg.note('a.csv: x');
    quiet.msg.endFiles();
    expect(quiet.lines).toEqual([]);
  });

  test('--fail-on holds the named warnings back as failures; others are said', () => {
    const { msg, lines } = messages({ failOn: ['sparse'] });
    msg.warning('sparse', 'window 2022 is sparse');
    msg.warning('incomplete', 'window 2021 is incomplete');
    msg.warning('incomplete', 'window 2021 is incomplete');
    expect(lines).toEqual(['crimedelta: warning: window 2021 is incomplete\n']);
    expect(msg.failures()).toEqual(['window 2022 is sparse (--fail-on sparse)']);
  });
});
