import { useEffect, useRef, useState, type InputHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDanishDateInput, parseDanishDate, parseDanishTime, shiftIsoDate } from './date-time-fields';

type TextProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type' | 'defaultValue'>;

interface DanishFieldProps extends TextProps {
  /** ISO date "2026-12-24" / "HH:MM", '' when empty, or the text as typed when it is not (yet) valid. */
  readonly value: string;
  readonly onChange: (value: string) => void;
}

/**
 * The text follows the value from outside, except while it is the value this
 * field itself last reported (so "1.3.2" is not rewritten while typing).
 */
function useDanishText(value: string, show: (value: string) => string) {
  const [text, setText] = useState(() => show(value));
  const reported = useRef(value);
  useEffect(() => {
    if (value !== reported.current) {
      reported.current = value;
      setText(show(value));
    }
  }, [value, show]);
  return { text, setText, reported };
}

const identity = (value: string) => value;

interface DanishTextInputProps extends DanishFieldProps {
  /** The canonical value of a text, or null when it is not (yet) valid. */
  readonly parse: (text: string) => string | null;
  /** How a canonical value is shown. */
  readonly show: (value: string) => string;
  /** The step ↑/↓ take from a valid value; none when the field has no steps. */
  readonly shift?: (value: string, by: 1 | -1) => string;
  readonly fieldClass: string;
  readonly placeholderKey: 'dateField.datePlaceholder' | 'dateField.timePlaceholder';
  readonly hintKey: 'dateField.dateHint' | 'dateField.timeHint';
}

/** The one Danish text input behind DateField and TimeField: typed freely, reported as the canonical value when it parses, tidied on blur. */
function DanishTextInput({ value, onChange, onBlur, onKeyDown, parse, show, shift, fieldClass, placeholderKey, hintKey, ...rest }: DanishTextInputProps) {
  const { t } = useTranslation();
  const { text, setText, reported } = useDanishText(value, show);
  const report = (next: string) => {
    reported.current = next;
    onChange(next);
  };
  const invalid = text.trim() !== '' && parse(text) === null;
  return (
    <input
      type="text"
      inputMode="numeric"
      autoComplete="off"
      placeholder={t(placeholderKey)}
      title={t(hintKey)}
      {...rest}
      aria-invalid={rest['aria-invalid'] || invalid || undefined}
      className={[fieldClass, rest.className].filter(Boolean).join(' ')}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        const trimmed = e.target.value.trim();
        report(trimmed === '' ? '' : (parse(trimmed) ?? trimmed));
      }}
      onKeyDown={(e) => {
        onKeyDown?.(e);
        if (!shift || e.defaultPrevented || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') || e.altKey || e.ctrlKey || e.metaKey) return;
        const current = parse(text);
        if (!current) return;
        e.preventDefault();
        const next = shift(current, e.key === 'ArrowUp' ? 1 : -1);
        setText(show(next));
        report(next);
      }}
      onBlur={(e) => {
        const parsed = parse(text);
        if (parsed) setText(show(parsed));
        onBlur?.(e);
      }}
    />
  );
}

/** A date typed and shown as dd.mm.åååå (also d.m.åå and ISO); ↑/↓ move a day. */
export function DateField(props: DanishFieldProps) {
  return (
    <DanishTextInput
      {...props}
      parse={parseDanishDate}
      show={formatDanishDateInput}
      shift={shiftIsoDate}
      fieldClass="date-field"
      placeholderKey="dateField.datePlaceholder"
      hintKey="dateField.dateHint"
    />
  );
}

/** A 24-hour time typed and shown as HH:MM (also 10.00, 1000, 10). */
export function TimeField(props: DanishFieldProps) {
  return <DanishTextInput {...props} parse={parseDanishTime} show={identity} fieldClass="time-field" placeholderKey="dateField.timePlaceholder" hintKey="dateField.timeHint" />;
}
