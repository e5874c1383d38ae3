import { solidStart } from '@solidjs/start/config';
import tailwindcss from '@tailwindcss/vite';
import { nitro } from 'nitro/vite';
import { defineConfig } from 'vite';

// SolidStart v2 on Vite's Environment API; nitro turns the server build into a Cloudflare Worker
// (`NITRO_PRESET=cloudflare_module vite build`). In development `vite dev` runs on Node.
export default defineConfig({
  plugins: [tailwindcss(), solidStart({ middleware: './src/middleware.ts' }), nitro()],
  nitro: {
    preset: process.env.NITRO_PRESET ?? 'node_server',
    compatibilityDate: '2026-10-01',
    cloudflare: { nodeCompat: true, deployConfig: true },
  },
  server: { host: '127.0.0.1', strictPort: true },
  // The dev error overlay imports these CJS/UMD modules; pre-bundle them so it can load.
  optimizeDeps: { include: ['@solidjs/start > @jridgewell/trace-mapping', '@solidjs/start > @jridgewell/resolve-uri'] },
});
