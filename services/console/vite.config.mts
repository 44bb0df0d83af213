import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run build:console` builds with this (server/console-build.ts); `npm run dev:console` serves it
// with live reload and sends the API to a system started by `npm start` on port 3000.
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
