import type { SelectHTMLAttributes } from 'react';

/**
 * The options of a select over a closed set of values (an enum of the
 * domain), each shown by its label: `<select …><EnumOptions values={aftaleKinds}
 * label={(k) => t(`aftaler.kinds.${k}`)} /></select>`.
 */
export function EnumOptions<T extends string>({ values, label }: { readonly values: readonly T[]; readonly label: (value: T) => string }) {
  return (
    <>
      {values.map((value) => (
        <option key={value} value={value}>
          {label(value)}
        </option>
      ))}
    </>
  );
}

type EnumSelectProps<T extends string> = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'> & {
  readonly values: readonly T[];
  readonly label: (value: T) => string;
  readonly value: T;
  readonly onChange: (value: T) => void;
};

/**
 * A select of one of `values` (its EnumOptions): `onChange` gets the value
 * chosen, typed. Other props (a Field's id and aria-*, className) go to the
 * <select>: `<Field …>{(p) => <EnumSelect {...p} values={aftaleKinds} label={…} value={kind} onChange={setKind} />}</Field>`.
 */
export function EnumSelect<T extends string>({ values, label, value, onChange, ...rest }: EnumSelectProps<T>) {
  return (
    <select {...rest} value={value} onChange={(e) => onChange(e.target.value as T)}>
      <EnumOptions values={values} label={label} />
    </select>
  );
}
