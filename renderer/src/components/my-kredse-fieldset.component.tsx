import { useApiQuery } from '../queries';

/**
 * "Mine kredse": a checkbox per kreds, the one picker for the first-run
 * dialog and Indstillinger. `selected` holds kreds numbers; the change is the
 * new sorted list.
 */
export function MyKredseFieldset({ legend, hint, selected, onChange }: { legend: string; hint: string; selected: readonly number[]; onChange: (next: number[]) => void }) {
  const kredse = useApiQuery('kredse.list');
  const toggle = (n: number) => onChange(selected.includes(n) ? selected.filter((k) => k !== n) : [...selected, n].sort((a, b) => a - b));
  return (
    <fieldset className="fieldset">
      <legend>{legend}</legend>
      <p className="field__hint">{hint}</p>
      <div className="kreds-grid">
        {kredse.data?.map((k) => (
          <label key={k.id} className="checkbox">
            <input type="checkbox" checked={selected.includes(k.number)} onChange={() => toggle(k.number)} />
            {k.name}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
