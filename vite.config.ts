import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'
import { precompress } from './scripts/precompress.mjs'

// The Node server (API + sync) runs on PORT (default 8080); in development Vite serves the
// client and forwards /api and the /sync WebSocket to it, so the browser sees one origin.
const serverPort = Number(process.env.PORT ?? 8080)
const serverTarget = `http://127.0.0.1:${serverPort}`

export default defineConfig({
  root: 'client',
  // precompress: .br and .gz beside every built text file, served as they are (scripts/precompress.mjs).
  plugins: [react(), precompress()],
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    // tldraw is one large lazily loaded chunk; the landing page's own budget (80 KB gzipped)
    // is measured by `npm run size:landing` (scripts/landing-size.ts) and the browser bench.
    chunkSizeWarningLimit: 4096,
    // tldraw fetches its translation files; a small one inlined as a `data:` URL would be
    // fetched from `data:`, which the server's Content-Security-Policy (connect-src 'self')
    // rightly blocks. Keep JSON as files; let Vite decide for the rest.
    assetsInlineLimit: (filePath) => (filePath.endsWith('.json') ? false : undefined),
  },
  optimizeDeps: {
    // Its `?url` imports are for the bundler to resolve; the dev pre-bundler cannot load them.
    exclude: ['@tldraw/assets'],
  },
  server: {
    port: Number(process.env.VITE_PORT ?? 5173),
    // scripts/dev.mjs tells the server this port for the links it makes: it must not drift.
    strictPort: true,
    proxy: {
      // Trailing slashes: a bare '/api' prefix would also catch source modules such as /apiThing.ts.
      '/api/': { target: serverTarget, changeOrigin: false },
      '/sync/': { target: serverTarget, ws: true, changeOrigin: false },
    },
  },
})
