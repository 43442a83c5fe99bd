/**
 * Whether an error is a lazily loaded chunk that failed to download, as each browser words
 * it (Chromium, Firefox, Safari, bundlers' own): that one calls for "check your connection
 * and reload", not "something went wrong".
 */
export function isChunkLoadError(error: unknown): boolean {
  const message = error instanceof Error ? `${error.name} ${error.message}` : String(error)
  return /dynamically imported module|Importing a module script failed|ChunkLoadError|Loading chunk \S+ failed|error loading dynamically/i.test(
    message,
  )
}
