import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// The worker is plain CommonJS so it runs without the TypeScript loader.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (err) { parentPort.postMessage(String(err)); }
}, workerData.intervalMs);
parentPort.on('message', (m) => { if (m === 'stop') { clearInterval(timer); try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {} db.close(); process.exit(0); } });
`;

/**
 * Moves SQLite's WAL checkpoints off the event loop. By default the connection that commits when
 * the WAL passes 1000 pages copies them into the database file and syncs it, stalling every
 * request behind it for milliseconds. A worker thread with its own connection runs a PASSIVE
 * checkpoint (which never blocks writers) twice a second instead; the main connection's
 * automatic checkpoint is raised high enough to act only as a safety net.
 */
export function startCheckpointer(file: string, intervalMs = 500): { stop(): Promise<void> } {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver, intervalMs } });
  worker.unref();
  worker.on('message', (message) => console.error(`checkpointer: ${String(message)}`));
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        // Unref'd, the worker would not keep the process alive until it has said goodbye.
        worker.ref();
        worker.once('exit', () => resolve());
        worker.postMessage('stop');
      }),
  };
}
