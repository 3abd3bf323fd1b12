import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * "Vælg fil": a Danish button in front of a visually hidden file input (the
 * native one says "Choose File" / "No file chosen" in the OS's language). The
 * input keeps the label as its name, hands over the chosen file and is
 * cleared at once, so choosing the same file again (a re-import) fires again.
 * The input is out of the tab order and the accessibility tree: the button is
 * the one control a keyboard or screen reader meets.
 */
export function FileChoice({ label, accept, onChoose }: { readonly label: string; readonly accept: string; readonly onChoose: (file: File) => void }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  return (
    <div className="file-choice">
      <button type="button" className="button button--secondary" onClick={() => input.current?.click()}>
        {label}
      </button>
      <span className="muted" aria-live="polite">
        {chosen ?? t('dateField.noFile')}
      </span>
      <input
        ref={input}
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        type="file"
        aria-label={label}
        accept={accept}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) {
            setChosen(file.name);
            onChoose(file);
          }
        }}
      />
    </div>
  );
}
