// The board outline in one import: `import { buildOutline } from '../shared/outline'`.
export * from './outline'
export * from './text'
