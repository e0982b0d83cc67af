/** The bundled sample that `crimedelta compare` reads when given no input. */
import { fileURLToPath } from 'node:url';

/** Absolute path of fixtures/sample-incidents.csv inside the installed package. */
export function samplePath(): string {
  // dist/src/io/sample.js → package root is three levels up.
  return fileURLToPath(new URL('../../../fixtures/sample-incidents.csv', import.meta.url));
}
