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

/** A date typed and shown as dd.mm.åååå (also d.m.åå and ISO); ↑/↓ move a day. */
export function DateField({ value, onChange, onBlur, onKeyDown, ...rest }: DanishFieldProps) {
  const { t } = useTranslation();
  const { text, setText, reported } = useDanishText(value, formatDanishDateInput);
  const report = (next: string) => {
    reported.current = next;
    onChange(next);
  };
  const invalid = text.trim() !== '' && parseDanishDate(text) === null;
  return (
    <input
      type="text"
      inputMode="numeric"
      autoComplete="off"
      placeholder={t('dateField.datePlaceholder')}
      title={t('dateField.dateHint')}
      {...rest}
      aria-invalid={rest['aria-invalid'] || invalid || undefined}
      className={['date-field', rest.className].filter(Boolean).join(' ')}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        const trimmed = e.target.value.trim();
        report(trimmed === '' ? '' : (parseDanishDate(trimmed) ?? trimmed));
      }}
      onKeyDown={(e) => {
        onKeyDown?.(e);
        if (e.defaultPrevented || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') || e.altKey || e.ctrlKey || e.metaKey) return;
        const current = parseDanishDate(text);
        if (!current) return;
        e.preventDefault();
        const next = shiftIsoDate(current, e.key === 'ArrowUp' ? 1 : -1);
        setText(formatDanishDateInput(next));
        report(next);
      }}
      onBlur={(e) => {
        const parsed = parseDanishDate(text);
        if (parsed) setText(formatDanishDateInput(parsed));
        onBlur?.(e);
      }}
    />
  );
}

/** A 24-hour time typed and shown as HH:MM (also 10.00, 1000, 10). */
export function TimeField({ value, onChange, onBlur, ...rest }: DanishFieldProps) {
  const { t } = useTranslation();
  const { text, setText, reported } = useDanishText(value, identity);
  const invalid = text.trim() !== '' && parseDanishTime(text) === null;
  return (
    <input
      type="text"
      inputMode="numeric"
      autoComplete="off"
      placeholder={t('dateField.timePlaceholder')}
      title={t('dateField.timeHint')}
      {...rest}
      aria-invalid={rest['aria-invalid'] || invalid || undefined}
      className={['time-field', rest.className].filter(Boolean).join(' ')}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        const trimmed = e.target.value.trim();
        const next = trimmed === '' ? '' : (parseDanishTime(trimmed) ?? trimmed);
        reported.current = next;
        onChange(next);
      }}
      onBlur={(e) => {
        const parsed = parseDanishTime(text);
        if (parsed) setText(parsed);
        onBlur?.(e);
      }}
    />
  );
}
