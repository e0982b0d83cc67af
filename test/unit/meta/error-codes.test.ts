import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { ERROR_CODES } from '../../../src/errors.js';
import { ROOT } from '../../helpers/paths.js';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = path.join(dir, e);
    return statSync(p).isDirectory()
      ? sources(p)
      : p.endsWith('.ts') && p !== path.join(ROOT, 'src', 'errors.ts')
        ? [readFileSync(p, 'utf8')]
        : [];
  });
}

describe('error codes', () => {
  test('every code is raised somewhere (none is dead), and each says what it means and what to do', () => {
    const text = sources(path.join(ROOT, 'src')).join('\n');
    const unused = Object.keys(ERROR_CODES).filter((code) => !text.includes(`'${code}'`));
    expect(unused).toEqual([]);
    for (const c of Object.values(ERROR_CODES)) {
      expect(c.means.length).toBeGreaterThan(5);
      expect(c.todo.length).toBeGreaterThan(5);
    }
  });
});
