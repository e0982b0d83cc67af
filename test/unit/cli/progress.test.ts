import { describe, expect, test } from '@jest/globals';
import { shouldShowProgress } from '../../../src/cli/progress.js';

const tty = { isTTY: true, quiet: false };

describe('when the progress bar shows', () => {
  test('on a terminal, once reading has taken a second and is not nearly done', () => {
    expect(shouldShowProgress(tty, 1200, 0.3)).toBe(true);
    expect(shouldShowProgress(tty, 1200, null)).toBe(true);
  });
  test('not before a second has passed', () => {
    expect(shouldShowProgress(tty, 400, 0.01)).toBe(false);
  });
  test('not when the rest will take under half a second', () => {
    expect(shouldShowProgress(tty, 1500, 0.9)).toBe(false);
    expect(shouldShowProgress(tty, 1500, 1)).toBe(false);
  });
  test('never when standard error is not a terminal, or with --quiet, or CRIMEDELTA_PROGRESS=0', () => {
    expect(shouldShowProgress({ isTTY: false, quiet: false }, 5000, 0.1)).toBe(false);
    expect(shouldShowProgress({ isTTY: true, quiet: true }, 5000, 0.1)).toBe(false);
    expect(shouldShowProgress({ isTTY: true, quiet: false, env: '0' }, 5000, 0.1)).toBe(false);
  });
  test('CRIMEDELTA_PROGRESS=1 shows it on any stream (checking by hand)', () => {
    expect(shouldShowProgress({ isTTY: false, quiet: false, env: '1' }, 5000, 0.1)).toBe(true);
    expect(shouldShowProgress({ isTTY: false, quiet: true, env: '1' }, 5000, 0.1)).toBe(false);
  });
});
