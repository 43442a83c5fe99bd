import type { Plugin } from 'vite'

/** Writes `.br` and `.gz` beside each compressible file of `dir` that gains from it; returns the files compressed. */
export function precompressDir(dir: string): Promise<string[]>
/** The Vite plugin: `precompressDir(outDir)` once the bundle is written. */
export function precompress(): Plugin
