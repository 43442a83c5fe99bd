import { useLayoutEffect, useRef, type InputHTMLAttributes, type RefObject, type TextareaHTMLAttributes } from 'react'
import type * as Y from 'yjs'
import { bindTextInput, type TextElement } from './bindTextInput'

type Common = {
  text: Y.Text
  max: number
  /** Filled with the element (to focus it, to place the caret). */
  elementRef?: { current: TextElement | null }
  onTextChange?(value: string, local: boolean, focused: boolean): void
  onRefused?(): void
}

export type SharedTextInputProps = Common &
  (
    | ({ multiline: false } & Omit<
        InputHTMLAttributes<HTMLInputElement>,
        'value' | 'defaultValue' | 'onChange' | 'maxLength'
      >)
    | ({ multiline: true; singleLine?: boolean } & Omit<
        TextareaHTMLAttributes<HTMLTextAreaElement>,
        'value' | 'defaultValue' | 'onChange' | 'maxLength'
      >)
  )

/**
 * A text input or text area bound to a shared text (`bindTextInput`): what is typed merges
 * with what others type at the same moment, and their letters appear without moving the
 * caret. Uncontrolled on purpose: the binding, not React, writes its value.
 */
export function SharedTextInput(props: SharedTextInputProps) {
  const { text, max, onTextChange, onRefused, elementRef, ...rest } = props
  const ownRef = useRef<TextElement>(null)
  const ref = elementRef ?? ownRef
  const callbacks = useRef({ onTextChange, onRefused })
  callbacks.current = { onTextChange, onRefused }
  const singleLine = rest.multiline ? (rest as { singleLine?: boolean }).singleLine === true : true

  useLayoutEffect(() => {
    const element = ref.current
    if (!element) return
    return bindTextInput({
      element,
      text,
      max,
      singleLine,
      onChange: (value, local, focused) => callbacks.current.onTextChange?.(value, local, focused),
      onRefused: () => callbacks.current.onRefused?.(),
    })
  }, [text, max, singleLine, ref])

  if (rest.multiline) {
    const {
      multiline: _multiline,
      singleLine: _singleLine,
      ...attrs
    } = rest as { multiline: true; singleLine?: boolean } & TextareaHTMLAttributes<HTMLTextAreaElement>
    return <textarea ref={ref as RefObject<HTMLTextAreaElement>} {...attrs} />
  }
  const { multiline: _multiline, ...attrs } = rest as { multiline: false } & InputHTMLAttributes<HTMLInputElement>
  return <input type="text" ref={ref as RefObject<HTMLInputElement>} {...attrs} />
}
