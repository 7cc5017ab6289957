import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const api = 'http://localhost:3000';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, assetsDir: 'assets' },
  // `npm run -w web dev` serves the app with hot reload and forwards API calls to `npm run dev`.
  server: { proxy: { '/api': api, '/health': api, '/ready': api } },
});
