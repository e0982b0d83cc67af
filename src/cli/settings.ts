/** The environment switches (see CONTRIBUTING.md), read once per run from the Io's environment. */
import type { ReaderSettings } from '../io/input.js';
import type { Io } from '../io/output.js';

export function readerSettings(env: Io['env']): ReaderSettings {
  const at = env.CRIMEDELTA_SPLIT_AT === undefined ? NaN : Number(env.CRIMEDELTA_SPLIT_AT);
  return {
    csvParse: env.CRIMEDELTA_READER === 'csv-parse',
    direct: env.CRIMEDELTA_DIRECT !== '0',
    threads: env.CRIMEDELTA_THREADS !== '1',
    splitAt: Number.isInteger(at) && at >= 0 ? at : null,
  };
}
