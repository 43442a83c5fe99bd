/**
 * What a space's page and booklet read beyond the space itself, in one module
 * `spaceRoutes.ts` loads on the first such request rather than at start: each coalition's
 * workshops through the export model (`spaceView.ts`), and the booklet's builders.
 */
export { buildLivretMarkdown } from '../../shared/spaces/livret'
export { buildLivretJson } from '../../shared/spaces/livretJson'
export { loadCoalitions } from './spaceView'
