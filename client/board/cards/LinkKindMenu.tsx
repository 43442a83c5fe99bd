import {
  TldrawUiMenuCheckboxItem,
  TldrawUiMenuGroup,
  TldrawUiMenuSubmenu,
  useEditor,
  useValue,
  type TLArrowShape,
} from 'tldraw'
import { LINK_KINDS, linkKindLabel } from '../../../shared/cards'
import { useT } from '../../i18n/useT'
import { useUiStore } from '../../state/uiStore'
import { useBoardInfo } from '../boardContext'
import { cardLinkKind, setLinkKind } from './linkLabels'

/**
 * The arrow's own menu (right click on an arrow between two cards): « Sens du lien » and
 * its four meanings, the current one checked. Choosing one stores it on the arrow and
 * rewrites its label, as the card panel's choice does.
 */
export function LinkKindMenu() {
  const editor = useEditor()
  const t = useT()
  const locale = useUiStore((s) => s.locale)
  const { readOnly, workshopLocale } = useBoardInfo()
  const link = useValue(
    'selected link',
    () => {
      const shape = editor.getOnlySelectedShape()
      if (!shape || shape.type !== 'arrow') return null
      const kind = cardLinkKind(editor, shape as TLArrowShape)
      return kind ? { id: shape.id, kind } : null
    },
    [editor],
  )
  if (!link || readOnly) return null
  return (
    <TldrawUiMenuGroup id="cb-link-kind">
      <TldrawUiMenuSubmenu id="cb-link-kind-menu" label={t('cards.links.menu')}>
        <TldrawUiMenuGroup id="cb-link-kinds">
          {LINK_KINDS.map((kind) => (
            <TldrawUiMenuCheckboxItem
              key={kind}
              id={`cb-link-kind-${kind}`}
              label={linkKindLabel(kind, locale)}
              checked={link.kind === kind}
              onSelect={() => setLinkKind(editor, link.id, kind, workshopLocale)}
            />
          ))}
        </TldrawUiMenuGroup>
      </TldrawUiMenuSubmenu>
    </TldrawUiMenuGroup>
  )
}
