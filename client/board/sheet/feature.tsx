import type { BoardFeature } from '../boardFeature'
import { SheetPanel } from './SheetPanel'

/** The « Fiche coalition » panel (shared/control/sheet.ts; kept in step with a programme space by the server). */
export const sheetFeature: BoardFeature = {
  id: 'sheet',
  Panel: SheetPanel,
}
