import { useDeferredValue, useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../queries';
import './contact-combobox.css';

/** How many contacts the list shows at once: type to narrow (a select with 20,000 options is unusable and slow). */
export const contactChoices = 20;

export interface FixedChoice {
  readonly value: string;
  readonly label: string;
}

/**
 * Choose a contact by typing part of the name (Danish folding as in Kontakter),
 * from at most `contactChoices` matches fetched in SQL — never the whole
 * contact list. Fixed choices ("Mig selv", "Alle ansvarlige") come first.
 * A WAI-ARIA combobox: ↑/↓ move, Enter picks, Escape closes. Nothing is
 * highlighted until the user types or moves, so Enter in a box just tabbed
 * into picks nothing (it keeps the choice and reaches the form around it).
 */
export function ContactCombobox({
  label,
  valueLabel,
  placeholder,
  fixed = [],
  exclude = [],
  onSelect,
}: {
  readonly label: string;
  /** What the box shows when the user is not typing ('' for an "add …" box). */
  readonly valueLabel: string;
  readonly placeholder?: string;
  readonly fixed?: readonly FixedChoice[];
  readonly exclude?: readonly string[];
  readonly onSelect: (value: string, label: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  /** The highlighted choice; -1 until the user types or moves with ↑/↓. */
  const [active, setActive] = useState(-1);
  const query = useDeferredValue((text ?? '').trim());
  const contacts = useApiQuery('contacts.page', { ...(query ? { query } : {}), offset: 0, limit: Math.min(500, contactChoices + exclude.length) }, { enabled: open });
  const folded = query.toLocaleLowerCase('da');
  const choices: FixedChoice[] = [
    ...fixed.filter((c) => !folded || c.label.toLocaleLowerCase('da').includes(folded)),
    ...(contacts.data?.rows ?? [])
      .filter((c) => !exclude.includes(c.id))
      .slice(0, contactChoices)
      .map((c) => ({ value: c.id, label: c.currentRoles.length > 0 ? `${c.name} – ${c.currentRoles.join(', ')}` : c.name })),
  ];
  const more = (contacts.data?.total ?? 0) > (contacts.data?.rows.length ?? 0);

  const pick = (choice: FixedChoice) => {
    onSelect(choice.value, choice.label);
    setText(null);
    setOpen(false);
    setActive(-1);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(a + 1, Math.max(0, choices.length - 1)));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (event.key === 'Enter' && open && active >= 0 && choices[active]) {
      event.preventDefault();
      pick(choices[active]);
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      setOpen(false);
      setText(null);
      setActive(-1);
    }
  };

  return (
    <div className="contact-combobox">
      <input
        role="combobox"
        aria-label={label}
        aria-expanded={open}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={open && choices[active] ? `${id}-${active}` : undefined}
        placeholder={placeholder ?? t('contactPicker.placeholder')}
        value={text ?? valueLabel}
        onFocus={() => setOpen(true)}
        onBlur={() => {
          setOpen(false);
          setText(null);
          setActive(-1);
        }}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      {open ? (
        <ul id={`${id}-list`} role="listbox" aria-label={label} className="contact-combobox__list">
          {choices.map((choice, index) => (
            <li
              key={choice.value || '(none)'}
              id={`${id}-${index}`}
              role="option"
              aria-selected={index === active}
              className={index === active ? 'contact-combobox__option contact-combobox__option--active' : 'contact-combobox__option'}
              // mousedown, not click: the input's blur would close the list first.
              onMouseDown={(e) => {
                e.preventDefault();
                pick(choice);
              }}
            >
              {choice.label}
            </li>
          ))}
          {contacts.isLoading ? <li className="contact-combobox__hint">{t('common.loading')}</li> : null}
          {contacts.data && choices.length === 0 ? <li className="contact-combobox__hint">{t('contactPicker.none')}</li> : null}
          {more ? <li className="contact-combobox__hint">{t('contactPicker.more', { count: contacts.data!.total })}</li> : null}
        </ul>
      ) : null}
    </div>
  );
}
