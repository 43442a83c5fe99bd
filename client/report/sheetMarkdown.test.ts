import { describe, expect, it } from 'vitest'
import { buildExport, buildMarkdown } from '../../shared/export'
import { mdText } from '../../shared/export/markdownText'
import { withBothRoundsRevealed, workshopControl, workshopInput } from '../../shared/export/testWorkshop'
import { inlineText, parseInline, parseSheet, tableCells, type Block } from './sheetMarkdown'

const sheet = () =>
  parseSheet(buildMarkdown(buildExport(workshopInput({ control: withBothRoundsRevealed(workshopControl()) }))))

function headings(blocks: Block[], level: number): string[] {
  return blocks.flatMap((b) => (b.kind === 'heading' && b.level === level ? [inlineText(b.inline)] : []))
}

describe('inline Markdown', () => {
  it('reads strong and emphasis runs, nested', () => {
    expect(parseInline('**Porté par :** Lyon')).toEqual([
      { kind: 'strong', children: [{ kind: 'text', text: 'Porté par :' }] },
      { kind: 'text', text: ' Lyon' },
    ])
    expect(parseInline('*a **b** c*')).toEqual([
      {
        kind: 'em',
        children: [
          { kind: 'text', text: 'a ' },
          { kind: 'strong', children: [{ kind: 'text', text: 'b' }] },
          { kind: 'text', text: ' c' },
        ],
      },
    ])
  })

  it('gives back exactly what people typed, whatever Markdown or HTML it looks like', () => {
    for (const typed of [
      '*Vélo* | [lien](x)',
      '<script>alert(1)</script>',
      '2 * 3 = 6',
      'a_b ~c~ #d `e` \\f',
      'AT&T &lt;b&gt; &#65;',
      '**',
    ]) {
      expect(inlineText(parseInline(mdText(typed)))).toBe(typed)
    }
  })

  it('leaves a lone asterisk as text', () => {
    expect(parseInline('5 * 4')).toEqual([{ kind: 'text', text: '5 * 4' }])
  })

  it('splits table cells on unescaped pipes only', () => {
    expect(tableCells('| Mobi\\|Tech | 3 | ⚠ oui |')).toEqual(['Mobi\\|Tech', '3', '⚠ oui'])
    expect(tableCells('| a |  |')).toEqual(['a', ''])
  })
})

describe('the coalition sheet', () => {
  it('has the title, the sections and the compass rounds as headings', () => {
    const blocks = sheet()
    expect(headings(blocks, 1)).toEqual(['Mobilités partagées'])
    expect(headings(blocks, 2)).toEqual(
      expect.arrayContaining([
        'Présentation',
        'Horizon et impacts',
        'Acteurs',
        'Leviers',
        'Boussole',
        'Cartes les plus votées',
      ]),
    )
    expect(headings(blocks, 3)).toContain('Situation actuelle — la coalition (clos)')
  })

  it('reads the compass tables with their alignment and escaped cells', () => {
    const tables = sheet().filter((b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table')
    const round = tables[0]
    expect(round.header.map(inlineText)).toEqual([
      'Axe',
      'n',
      'Moyenne',
      'Médiane',
      'Min',
      'Max',
      'Écart',
      'À discuter',
    ])
    expect(round.align).toEqual(['left', 'right', 'right', 'right', 'right', 'right', 'right', 'left'])
    expect(round.rows).toHaveLength(7)
    expect(round.rows[6].map(inlineText)).toEqual(['Équitable', '3', '1,3', '1', '0', '3', '3', '⚠ oui'])
    const votes = tables.find((t) => inlineText(t.header[1]) === 'Carte')!
    expect(votes.rows[0].map(inlineText)).toEqual(['1', 'Ouvrir les données de trafic', 'Levier', '3'])
  })

  it('nests the lists as written', () => {
    const levers = sheet().find(
      (b): b is Extract<Block, { kind: 'list' }> =>
        b.kind === 'list' && inlineText(b.items[0].inline).startsWith('Ouvrir les données'),
    )!
    expect(levers.items).toHaveLength(2)
    expect(levers.items[0].children.map((c) => inlineText(c.inline))).toEqual([
      'Porté par\u00a0: Collectivité de Lyon',
      'Contribue à\u00a0: Un air plus sain',
    ])
    const actors = sheet().flatMap((b) => (b.kind === 'list' ? b.items.map((item) => inlineText(item.inline)) : []))
    expect(actors).toContain('Mobi|Tech — Type\u00a0: Entreprise · Pouvoir\u00a0: 4/5 · Intérêt\u00a0: 2/5')
  })

  it('reads paragraphs and block quotes', () => {
    expect(parseSheet('> Tour non révélé\u00a0: 2 personnes ont noté.\n\nCommentaires :\nsuite')).toEqual([
      { kind: 'quote', inline: [{ kind: 'text', text: 'Tour non révélé\u00a0: 2 personnes ont noté.' }] },
      { kind: 'paragraph', inline: [{ kind: 'text', text: 'Commentaires : suite' }] },
    ])
  })
})
