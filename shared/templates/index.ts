// Board templates in one import: `import { buildTemplateRecords } from '../shared/templates'`.
export * from './records'
export * from './phases'
export * from './actorsMap'
export * from './lanes'
export * from './fullWorkshop'
export * from './templates'
export * from './sphereOfRole'
export * from './roadmapLanes'
