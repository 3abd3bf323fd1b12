/**
 * "Vælg fil": a labelled file input that hands over the chosen file and is
 * cleared at once, so choosing the same file again (a re-import) fires again.
 */
export function FileChoice({ label, accept, onChoose }: { readonly label: string; readonly accept: string; readonly onChoose: (file: File) => void }) {
  return (
    <label className="file-input">
      {label}
      <input
        type="file"
        accept={accept}
        onChange={(e) => {
          const chosen = e.target.files?.[0];
          e.target.value = '';
          if (chosen) onChoose(chosen);
        }}
      />
    </label>
  );
}
