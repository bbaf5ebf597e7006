/**
 * Preloaded into the cluster's gateways by bench:national (`node --expose-gc -r heap-probe.js`):
 * on SIGUSR2 the process collects garbage until the heap settles and writes its heapUsed to
 * `$TMPDIR/qatys-heap-<pid>.json`, so the bench can read a real program's heap per connection.
 */
import { writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { settledHeap } from './child-process';

process.on('SIGUSR2', () => {
  void settledHeap().then((heapUsed) =>
    writeFileSync(
      join(tmpdir(), `qatys-heap-${process.pid}.json`),
      JSON.stringify({ heapUsed, at: Date.now() }),
    ),
  );
});
