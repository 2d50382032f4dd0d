// A read worker's entry (issue 25, read-pool.ts): plain JavaScript, as the thread starts without
// the TypeScript loader; it registers tsx as bin/plaint.js does, then loads the worker itself.
import { register } from 'tsx/esm/api';

register();
await import('./read-worker.ts');
