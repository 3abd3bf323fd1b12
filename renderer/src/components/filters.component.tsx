import type { InputHTMLAttributes } from 'react';

/**
 * The filter bar's controls of every list page (Kommuner, Kontakter,
 * Organisationer, Møder, Møderækker, Aftaler …): one search field and one
 * "Alle …" select, so each list filters, labels and behaves the same. Lay
 * them out in `<div className="filters" role="search">`.
 */

type SearchProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'value' | 'onChange' | 'aria-label'> & {
  /** The accessible name; also the placeholder unless one is given. */
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
};

/** The list's search field (type="search": Escape clears it in Chromium). */
export function FilterSearch({ label, value, onChange, placeholder, className, ...rest }: SearchProps) {
  return (
    <input
      {...rest}
      type="search"
      className={className ? `filters__query ${className}` : 'filters__query'}
      placeholder={placeholder ?? label}
      aria-label={label}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

export interface FilterOption {
  readonly value: string;
  readonly label: string;
}

interface SelectProps<T extends string> {
  readonly label: string;
  /** '' is "all" (the first option, `allLabel`). */
  readonly value: T | '';
  readonly allLabel: string;
  readonly options: readonly FilterOption[];
  readonly onChange: (value: T | '') => void;
  readonly className?: string;
}

/** A select whose first option means "no filter". */
export function FilterSelect<T extends string>({ label, value, allLabel, options, onChange, className }: SelectProps<T>) {
  return (
    <select className={className} aria-label={label} value={value} onChange={(e) => onChange(e.target.value as T | '')}>
      <option value="">{allLabel}</option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
