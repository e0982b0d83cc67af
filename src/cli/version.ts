/** The version of crimedelta. */
import { readFileSync } from 'node:fs';

/** The version in package.json, found from dist/src/cli (built) or src/cli (in-process tests). */
export function packageVersion(): string {
  for (const up of ['../../../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(up, import.meta.url), 'utf8')) as { name?: string; version: string };
      if (pkg.name === 'crimedelta') return pkg.version;
    } catch {
      /* try the next place */
    }
  }
  return 'unknown';
}
