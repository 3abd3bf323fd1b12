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
