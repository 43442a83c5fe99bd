// zod probes `new Function` once to decide whether to compile its parsers. Under our CSP
// (no 'unsafe-eval') the probe is refused and, although zod catches it, Chromium reports a
// Content-Security-Policy violation on every board load. `jitless` skips the probe; parsing
// is the same, interpreted. zod keeps its settings on `globalThis.__zod_globalConfig`
// (shared by every copy of zod on a page); setting the flag there, rather than through
// `import { config } from 'zod'`, keeps zod itself out of the landing page's first paint
// (3.6 KiB gzipped). Imported first by `main.tsx`; works whether zod has loaded yet or not.

declare global {
  var __zod_globalConfig: { jitless?: boolean } | undefined
}

globalThis.__zod_globalConfig ??= {}
globalThis.__zod_globalConfig.jitless = true

export {}
