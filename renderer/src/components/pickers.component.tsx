import type { SelectHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../queries';
import { ContactCombobox } from './contact-combobox.component';

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

/** Adds a contact not yet in `exclude`: type part of a name, pick one (the box empties after each choice). */
export function ContactAdder({ exclude, onAdd, label, ...props }: { readonly exclude: readonly string[]; readonly onAdd: (id: string) => void; readonly label: string; readonly 'aria-label'?: string }) {
  return <ContactCombobox label={props['aria-label'] ?? label} placeholder={label} valueLabel="" exclude={exclude} onSelect={(id) => onAdd(id)} />;
}

/** Owner of a follow-up: the consultant ("me"), nobody, or a contact found by typing. Value: 'me' | contact id | ''. */
export function OwnerSelect({ value, onChange, ...props }: { readonly value: string; readonly onChange: (value: string) => void; readonly 'aria-label': string }) {
  const { t } = useTranslation();
  const isContact = value !== 'me' && value !== '';
  const contact = useApiQuery('contacts.get', { id: isContact ? value : '' }, { enabled: isContact });
  const valueLabel = value === 'me' ? t('referat.ownerMe') : value === '' ? t('followUps.noOwner') : (contact.data?.name ?? '');
  return (
    <ContactCombobox
      label={props['aria-label']}
      valueLabel={valueLabel}
      fixed={[
        { value: 'me', label: t('referat.ownerMe') },
        { value: '', label: t('followUps.noOwner') },
      ]}
      onSelect={(next) => onChange(next)}
    />
  );
}

export function ownerFields(value: string): { ownerIsMe: boolean; ownerContactId: string | null } {
  if (value === 'me') return { ownerIsMe: true, ownerContactId: null };
  return { ownerIsMe: false, ownerContactId: value || null };
}
