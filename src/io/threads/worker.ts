/**
 * The helper thread of a split file (see helper.ts): receives parts of
 * files to count (part.ts) and posts back the counts, or what to
 * report. It loads nothing else until its first part arrives, so that a
 * helper started for a file that is never split costs little.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerJob, WorkerReply } from './protocol.js';

// Started when a large file's plan is decided; says it is ready through a
// shared flag the main thread looks at between chunks. A part
// arrives once the main thread has decided to split, and the next file's part
// may follow.
if (parentPort) {
  const ready = new Int32Array((workerData as { ready: SharedArrayBuffer }).ready);
  Atomics.store(ready, 0, 1);
  Atomics.notify(ready, 0);
  const port = parentPort;
  port.on('message', (data: WorkerJob) => {
    import('./part.js')
      .then(({ countPart }) => countPart(data))
      .then(
        (reply) => port.postMessage(reply),
        (e: unknown) => port.postMessage({ kind: 'failed', message: (e as Error)?.message ?? String(e) } satisfies WorkerReply),
      );
  });
}
