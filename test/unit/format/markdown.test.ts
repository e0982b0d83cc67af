import { describe, expect, test } from '@jest/globals';
import { mdText, renderMarkdown } from '../../../src/format/markdown.js';

describe('Markdown cells show data, never run it', () => {
  test.each([
    ['<img src=x onerror=alert(1)>', '\\<img src=x onerror=alert(1)\\>'],
    ['![x](http://evil/t.png)', '\\!\\[x\\](http://evil/t.png)'],
    ['[click](javascript:alert(1))', '\\[click\\](javascript:alert(1))'],
    ['a|b', 'a\\|b'],
    ['**bold** `code`', '\\*\\*bold\\*\\* \\`code\\`'],
    ['C:\\path', 'C:\\\\path'],
    ['THEFT - PETTY', 'THEFT - PETTY'],
  ])('%s', (raw, shown) => {
    expect(mdText(raw)).toBe(shown);
  });

  test('a table with such a value', () => {
    const out = renderMarkdown({
      caption: ['c'],
      columns: [
        { header: 'Offense', kind: 'text' },
        { header: 'n', kind: 'count' },
      ],
      rows: [['<b>x</b>', 1]],
      footer: [],
    });
    expect(out).toBe('c  \n\n| Offense | n |\n| :--- | ---: |\n| \\<b\\>x\\</b\\> | 1 |\n');
  });
});
