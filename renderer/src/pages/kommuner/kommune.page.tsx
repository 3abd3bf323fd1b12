import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { describeError } from '../../api';
import { ContactLogDialog, type ContactLogTarget } from '../../components/contact-log.dialog';
import { LastContact } from '../../components/last-contact.component';
import { PageHeader, QueryState } from '../../components/page.component';
import { RoleList } from '../../components/roles.component';
import { useToast } from '../../components/toast.component';
import { useApiMutation, useApiQuery } from '../../queries';
import { KommuneReferaterCard } from '../referat-export/referat-collection.buttons';
import { CollaborationSection } from './hub/collaboration.section';
import { KeyPeopleSection } from './hub/key-people.section';
import { NowAndNextSection } from './hub/now-and-next.section';
import { TimelineSection } from './hub/timeline.section';
import './hub/hub.css';
import { KommuneAftalerSection } from './aftaler.section';
import { BoligomraaderSection } from './hub/boligomraader.section';
import { KommuneHelhedsplanerSection } from './hub/helhedsplaner.section';
import { KommuneMembershipSection } from './membership.section';

/**
 * The kommune as the consultant's workspace (issue 16): what is coming and
 * what is open (Nu og næste), who matters and when we last spoke
 * (Nøglepersoner), everything that happened (Tidslinje), and who we work with
 * (Samarbejde). Each section is its own component (./hub/*.section.tsx) over
 * its part of relationships.kommuneHub; the kommune's own data (kreds, notes,
 * everyone with a role) follows below.
 */
export function KommunePage({ id }: { readonly id: string }) {
  const { t } = useTranslation();
  const toast = useToast();
  const kommune = useApiQuery('kommuner.get', { id });
  const hub = useApiQuery('relationships.kommuneHub', { id });
  const kredse = useApiQuery('kredse.list');
  const update = useApiMutation('kommuner.update');
  const [notes, setNotes] = useState<string | null>(null);
  const [logging, setLogging] = useState<ContactLogTarget | null>(null);
  useEffect(() => setNotes(null), [id]);

  const k = kommune.data;
  if (!k) return <QueryState isLoading={kommune.isLoading} error={kommune.error} />;
  const notesValue = notes ?? k.notes;
  const save = (input: { kredsId?: string | null; notes?: string }) =>
    update.mutate(
      { id, ...input },
      {
        onSuccess: () => {
          if (input.notes !== undefined) setNotes(null);
          toast.show(t('common.saved'));
        },
        onError: (error) => toast.show(describeError(t, error), { tone: 'error' }),
      },
    );
  const place = { id: k.id, name: k.navn };
  const h = hub.data;

  return (
    <section className="kommune-hub">
      <PageHeader
        title={`${k.navn} Kommune`}
        subtitle={
          <>
            {`${t('kommuner.columns.kode')} ${k.kode} · ${k.regionNavn}`}
            {h ? (
              <>
                {' · '}
                <LastContact date={h.lastContact} />
              </>
            ) : null}
          </>
        }
        actions={
          <>
            <button type="button" className="button" onClick={() => setLogging({ kommune: place })}>
              {t('rel.logContact')}
            </button>
            <Link href={`/moeder/ny/kommune/${k.id}`} className="button button--secondary">
              {t('rel.planMeeting')}
            </Link>
          </>
        }
      />
      <QueryState isLoading={hub.isLoading} error={hub.error} />
      {h ? (
        <>
          <div className="hub-grid">
            <NowAndNextSection hub={h} />
            <KeyPeopleSection people={h.keyPeople} onLog={(p) => setLogging({ people: [{ id: p.contactId, name: p.contactName }], kommune: place })} />
          </div>
          <TimelineSection scope={{ kommuneId: k.id }} />
          <CollaborationSection hub={h} />
        </>
      ) : null}
      <div className="grid-2">
        <div className="card">
          <h2>{t('kommuner.kredsLabel')}</h2>
          <select aria-label={t('kommuner.kredsLabel')} value={k.kredsId ?? ''} onChange={(e) => save({ kredsId: e.target.value || null })} disabled={update.isPending}>
            <option value="">{t('common.noKreds')}</option>
            {kredse.data?.map((kreds) => (
              <option key={kreds.id} value={kreds.id}>
                {kreds.name}
              </option>
            ))}
          </select>
          <h2>{t('common.notes')}</h2>
          <textarea aria-label={t('common.notes')} rows={5} placeholder={t('kommuner.notesPlaceholder')} value={notesValue} onChange={(e) => setNotes(e.target.value)} />
          <div className="form-actions">
            <button type="button" className="button" disabled={notes === null || notes === k.notes || update.isPending} onClick={() => save({ notes: notesValue })}>
              {update.isPending ? t('common.saving') : t('common.save')}
            </button>
          </div>
        </div>
        <div className="card">
          <h2>{t('kommuner.contacts')}</h2>
          <RoleList roles={k.roles} show="contact" emptyText={t('kommuner.noContacts')} />
        </div>
      </div>
      <KommuneReferaterCard kommuneId={k.id} kommuneNavn={k.navn} />
      {logging ? <ContactLogDialog target={logging} onClose={() => setLogging(null)} /> : null}
      <KommuneAftalerSection kommuneId={k.id} />
      <BoligomraaderSection kommuneId={k.id} />
      <KommuneHelhedsplanerSection kommuneId={k.id} />
      <KommuneMembershipSection kommune={k} />
    </section>
  );
}
