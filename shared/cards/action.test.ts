import { describe, expect, it } from 'vitest'
import { ACTION_FIELDS, ACTION_STATUS_OPTIONS, actionPropsSchema, defaultActionProps, isIsoDay } from './action'
import { formatFieldValue, validateCardProps } from './cardTypes'
import { CARD_TEXT_FIELDS } from './textFields'

function issues(props: unknown): string[] {
  const result = actionPropsSchema.safeParse(props)
  return result.success ? [] : result.error.issues.map((issue) => issue.message)
}

describe('action card props', () => {
  it('accepts its defaults (to do, no owner, no date) and a filled action', () => {
    expect(defaultActionProps().status).toBe('todo')
    expect(issues(defaultActionProps())).toEqual([])
    expect(
      issues({
        ...defaultActionProps(),
        what: 'Rédiger la charte',
        owner: 'Awa',
        ownerActorId: 'shape:metropole',
        due: '2027-03-31',
        status: 'doing',
      }),
    ).toEqual([])
    expect(issues({ ...defaultActionProps(), status: '' })).toEqual([])
  })

  it('takes only real calendar days as due dates, saying why', () => {
    expect(isIsoDay('2028-02-29')).toBe(true)
    expect(isIsoDay('2027-02-29')).toBe(false)
    expect(isIsoDay('2027-13-01')).toBe(false)
    expect(isIsoDay('31/03/2027')).toBe(false)
    expect(issues({ ...defaultActionProps(), due: '2027-02-30' })).toEqual(['due must be a date YYYY-MM-DD or empty'])
    expect(issues({ ...defaultActionProps(), due: '2027-03-31T10:00:00Z' })).toEqual([
      'due must be a date YYYY-MM-DD or empty',
    ])
    expect(issues({ ...defaultActionProps(), due: 20270331 })).toEqual(['due must be text'])
  })

  it('refuses unknown statuses, owner links that are not card ids, and unknown fields', () => {
    expect(issues({ ...defaultActionProps(), status: 'late' })).toEqual([
      'status must be one of todo, doing, done, dropped or empty',
    ])
    expect(issues({ ...defaultActionProps(), ownerActorId: 'Ville de Lyon' })).toEqual([
      'ownerActorId must be a card id (shape:…) or empty',
    ])
    expect(issues({ ...defaultActionProps(), serves: 'shape:x' })).toEqual(['unknown action field: serves'])
    const missing: Record<string, unknown> = { ...defaultActionProps() }
    delete missing.due
    expect(validateCardProps('action', missing)).toEqual({ ok: false, issues: ['due is required'] })
  })

  it('labels its fields and statuses in both languages; what and owner are typed together', () => {
    expect(Object.keys(ACTION_FIELDS)).toEqual(['what', 'owner', 'ownerActorId', 'due', 'status'])
    expect(ACTION_STATUS_OPTIONS.map((option) => option.label.fr)).toEqual([
      'À faire',
      'En cours',
      'Fait',
      'Abandonnée',
    ])
    expect(formatFieldValue('action', 'status', 'dropped', 'en')).toBe('Dropped')
    expect(formatFieldValue('action', 'due', '2027-03-31', 'fr')).toBe('2027-03-31')
    expect(CARD_TEXT_FIELDS.action).toEqual(['what', 'owner'])
  })
})
