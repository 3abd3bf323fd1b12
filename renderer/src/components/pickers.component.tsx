import type { SelectHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../queries';

type SelectProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'>;

/** A kommune by name, or none. */
export function KommuneSelect({ value, onChange, emptyLabel, ...props }: SelectProps & { readonly value: string | null; readonly onChange: (id: string | null) => void; readonly emptyLabel: string }) {
  const kommuner = useApiQuery('kommuner.list', {});
  return (
    <select {...props} value={value ?? ''} onChange={(e) => onChange(e.target.value || null)}>
      <option value="">{emptyLabel}</option>
      {kommuner.data?.map((k) => (
        <option key={k.id} value={k.id}>
          {k.navn}
        </option>
      ))}
    </select>
  );
}

/** Adds a contact not yet in `exclude` (the select resets after each choice). */
export function ContactAdder({ exclude, onAdd, label, ...props }: SelectProps & { readonly exclude: readonly string[]; readonly onAdd: (id: string) => void; readonly label: string }) {
  const contacts = useApiQuery('contacts.list', {});
  const available = (contacts.data ?? []).filter((c) => !exclude.includes(c.id));
  return (
    <select {...props} aria-label={props['aria-label'] ?? label} value="" onChange={(e) => e.target.value && onAdd(e.target.value)}>
      <option value="">{label}</option>
      {available.map((c) => (
        <option key={c.id} value={c.id}>
          {c.name}
          {c.currentRoles[0] ? ` – ${c.currentRoles[0]}` : ''}
        </option>
      ))}
    </select>
  );
}

/** Owner of a follow-up: the consultant ("me") or a contact. Value: 'me' | contact id | ''. */
export function OwnerSelect({ value, onChange, ...props }: SelectProps & { readonly value: string; readonly onChange: (value: string) => void }) {
  const { t } = useTranslation();
  const contacts = useApiQuery('contacts.list', {});
  return (
    <select {...props} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="me">{t('referat.ownerMe')}</option>
      <option value="">{t('followUps.noOwner')}</option>
      {contacts.data?.map((c) => (
        <option key={c.id} value={c.id}>
          {c.name}
        </option>
      ))}
    </select>
  );
}

export function ownerFields(value: string): { ownerIsMe: boolean; ownerContactId: string | null } {
  if (value === 'me') return { ownerIsMe: true, ownerContactId: null };
  return { ownerIsMe: false, ownerContactId: value || null };
}
