import { createElement, type ReactNode } from 'react'
import type { Block, Inline, ListItem } from './sheetMarkdown'

/** The coalition sheet's blocks as React elements (text stays text: nothing is parsed as HTML). */

function Runs({ inline }: { inline: readonly Inline[] }): ReactNode {
  return inline.map((run, i) =>
    run.kind === 'text' ? (
      run.text
    ) : run.kind === 'strong' ? (
      <strong key={i}>
        <Runs inline={run.children} />
      </strong>
    ) : (
      <em key={i}>
        <Runs inline={run.children} />
      </em>
    ),
  )
}

function Items({ items }: { items: readonly ListItem[] }) {
  return (
    <ul>
      {items.map((item, i) => (
        <li key={i}>
          <Runs inline={item.inline} />
          {item.children.length > 0 && <Items items={item.children} />}
        </li>
      ))}
    </ul>
  )
}

function BlockView({ block }: { block: Block }) {
  switch (block.kind) {
    case 'heading':
      return createElement(`h${Math.min(6, block.level)}`, null, <Runs inline={block.inline} />)
    case 'paragraph':
      return (
        <p>
          <Runs inline={block.inline} />
        </p>
      )
    case 'quote':
      return (
        <blockquote>
          <Runs inline={block.inline} />
        </blockquote>
      )
    case 'list':
      return <Items items={block.items} />
    case 'table':
      return (
        <div className="cb-report-table">
          <table>
            <thead>
              <tr>
                {block.header.map((cell, i) => (
                  <th key={i} scope="col" style={{ textAlign: block.align[i] }}>
                    <Runs inline={cell} />
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {block.rows.map((row, r) => (
                <tr key={r}>
                  {row.map((cell, i) => (
                    <td key={i} style={{ textAlign: block.align[i] }}>
                      <Runs inline={cell} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )
  }
}

export function SheetView({ blocks }: { blocks: readonly Block[] }) {
  return (
    <div className="cb-report-sheet" data-testid="report-sheet">
      {blocks.map((block, i) => (
        <BlockView key={i} block={block} />
      ))}
    </div>
  )
}
