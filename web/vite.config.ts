import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const api = 'http://localhost:3000';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    // The libraries every page needs change less often than the app: their own chunks stay cached
    // across upgrades, and no chunk outgrows Vite's 500 kB warning.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/,
              priority: 20,
            },
            // The charts, loaded by the dashboard and the analytics page only.
            { name: 'charts', test: /node_modules[\\/]recharts[\\/]/, priority: 18 },
            { name: 'mantine-charts', test: /node_modules[\\/]@mantine[\\/]charts[\\/]/, priority: 18 },
            { name: 'mantine', test: /node_modules[\\/](@mantine|@floating-ui)[\\/]/, priority: 15 },
          ],
        },
      },
    },
  },
  // `npm run -w web dev` serves the app with hot reload and forwards API calls to `npm run dev`.
  server: { proxy: { '/api': api, '/health': api, '/ready': api } },
});
