import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The SPA of issue 6. Built into web/dist, which the Fastify server serves at `/` (src/http/web.routes.ts).
// The portal is the entry; workbench, admin and supervision are React.lazy chunks, so a resident on a
// phone never downloads them.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, manifest: true, chunkSizeWarningLimit: 1200 },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
