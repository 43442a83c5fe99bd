/**
 * A person's initials for their avatar: the first letters of the first and last words
 * (« Awa Diallo » → « AD », « Participant·e 3 » → « P3 »), the first letter of a single word
 * (« Bruno » → « B »), by grapheme so an accented or composed letter stays whole.
 */
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' })

function firstGrapheme(word: string): string {
  for (const { segment } of segmenter.segment(word)) return segment
  return ''
}

export function initialsOf(name: string): string {
  const words = name
    .trim()
    .split(/[\s-]+/)
    .filter(Boolean)
  if (words.length === 0) return '?'
  const first = firstGrapheme(words[0])
  const last = words.length > 1 ? firstGrapheme(words[words.length - 1]) : ''
  return (first + last).toLocaleUpperCase()
}
