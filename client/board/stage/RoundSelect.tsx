/** The stage's choice of a round (compass, comparison, vote): a labelled select of round names. */
export function RoundSelect({
  label,
  rounds,
  value,
  onChange,
  testId,
}: {
  label: string
  rounds: readonly { id: string; label: string }[]
  value: string
  onChange(id: string): void
  testId?: string
}) {
  return (
    <label className="cb-stage-field">
      <span>{label}</span>
      <select value={value} onChange={(event) => onChange(event.target.value)} data-testid={testId}>
        {rounds.map((r) => (
          <option key={r.id} value={r.id}>
            {r.label}
          </option>
        ))}
      </select>
    </label>
  )
}
