import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  importFields,
  importOutcomes,
  maxContactFileBytes,
  type ColumnMapping,
  type ImportField,
  type ImportOutcome,
  type ImportPreview,
  type ImportResult,
  type ImportRow,
  type OrganisationToCreate,
  type UnknownOrganisation,
} from '../../../../common/contact-files/contact-files.domain';
import { organisationKinds, type OrganisationKind } from '../../../../common/domain';
import { describeError } from '../../api';
import { PageHeader } from '../../components/page.component';
import { FileChoice } from '../../components/file-choice.component';
import { JobProgress } from '../../components/job-progress.component';
import { useToast } from '../../components/toast.component';
import { useApiMutation, useApiQuery } from '../../queries';
import './contact-files.css';
import { readFileAsBase64 } from '../../files';

type Step = 'choose' | 'mapping' | 'preview' | 'done';

/** What the user chose for one unknown organisation, by the name the file gives it. */
interface OrganisationChoice {
  readonly create: boolean;
  readonly kind: OrganisationKind;
  readonly kommuneId: string | null;
}

const toCreate = (choices: Readonly<Record<string, OrganisationChoice>>): OrganisationToCreate[] =>
  Object.entries(choices)
    .filter(([, c]) => c.create)
    .map(([name, c]) => ({ name, kind: c.kind, kommuneId: c.kommuneId }));

/**
 * "Importér kontakter": choose a file, map its columns (CSV/XLSX; a vCard
 * and a recognised Outlook/Google/Thunderbird export skip this), see what
 * will happen row by row — and which unknown organisations to create — then
 * import in one go.
 */
export function ContactsImportPage() {
  const { t } = useTranslation();
  const toast = useToast();
  const previewCall = useApiMutation('contactFiles.previewImport');
  const importCall = useApiMutation('contactFiles.import');
  const [file, setFile] = useState<{ fileName: string; base64: string } | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [forceNew, setForceNew] = useState<number[]>([]);
  const [organisations, setOrganisations] = useState<Record<string, OrganisationChoice>>({});
  const [step, setStep] = useState<Step>('choose');
  const [result, setResult] = useState<ImportResult | null>(null);
  const onError = (error: Error) => toast.show(describeError(t, error), { tone: 'error' });

  const runPreview = (payload: { fileName: string; base64: string }, chosen: ColumnMapping | undefined, force: number[], next: Step | null, choices = organisations) =>
    previewCall.mutate(
      { ...payload, mapping: chosen, forceNew: force, createOrganisations: toCreate(choices) },
      {
        onSuccess: (p) => {
          setPreview(p);
          setMapping(p.mapping);
          if (next) setStep(next);
        },
        onError,
      },
    );

  const reset = () => {
    setFile(null);
    setPreview(null);
    setMapping({});
    setForceNew([]);
    setOrganisations({});
    setResult(null);
    setStep('choose');
  };

  const onFile = async (chosen: File | undefined) => {
    if (!chosen) return;
    reset();
    if (chosen.size > maxContactFileBytes) {
      toast.show(t('contactFiles.tooLarge'), { tone: 'error' });
      return;
    }
    const payload = { fileName: chosen.name, base64: await readFileAsBase64(chosen) };
    setFile(payload);
    previewCall.mutate(
      { ...payload },
      {
        onSuccess: (p) => {
          setPreview(p);
          setMapping(p.mapping);
          // A vCard has no columns; a recognised export's columns are mapped without asking (the mapping stays one click away).
          setStep(p.format === 'vcf' || (p.layout !== null && p.mappingSource === 'proposed' && !p.needsMapping) ? 'preview' : 'mapping');
        },
        onError,
      },
    );
  };

  const toggleForce = (row: number, on: boolean) => {
    const next = on ? [...forceNew, row] : forceNew.filter((r) => r !== row);
    setForceNew(next);
    if (file && preview) runPreview(file, preview.format === 'vcf' ? undefined : mapping, next, null);
  };

  const chooseOrganisation = (name: string, choice: OrganisationChoice) => {
    const previous = organisations[name];
    const next = { ...organisations, [name]: choice };
    setOrganisations(next);
    // Only what the import would create changes the preview.
    if (file && preview && (choice.create || previous?.create)) runPreview(file, preview.format === 'vcf' ? undefined : mapping, forceNew, null, next);
  };

  const doImport = () => {
    if (!file || !preview) return;
    importCall.mutate(
      { ...file, mapping: preview.format === 'vcf' ? undefined : mapping, forceNew, createOrganisations: toCreate(organisations) },
      {
        onSuccess: (r) => {
          setResult(r);
          setStep('done');
          toast.show(t('contactFiles.imported', { created: r.created, updated: r.updated }));
        },
        onError,
      },
    );
  };

  return (
    <section className="contact-import">
      <PageHeader title={t('contactFiles.importTitle')} subtitle={t('contactFiles.importIntro')} />
      <div className="card">
        <h2>{t('contactFiles.step1')}</h2>
        <FileChoice
          label={t('contactFiles.chooseFile')}
          accept=".csv,.txt,.xlsx,.vcf,text/csv,text/vcard,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChoose={(chosen) => void onFile(chosen)}
        />
        <p className="muted">{file ? file.fileName : t('contactFiles.accepted')}</p>
        {previewCall.isPending ? <JobProgress kind="contactFiles.preview" label={t('contactFiles.reading')} /> : null}
      </div>

      {preview && file && step === 'mapping' ? (
        <MappingStep
          preview={preview}
          mapping={mapping}
          onChange={setMapping}
          busy={previewCall.isPending}
          onContinue={() => runPreview(file, mapping, forceNew, 'preview')}
        />
      ) : null}

      {preview && file && step === 'preview' ? (
        <div className="card" role="region" aria-label={t('contactFiles.step3')}>
          <h2>{t('contactFiles.step3')}</h2>
          {preview.layout ? <p className="notice">{t('contactFiles.layoutRecognised', { program: t(`contactFiles.layouts.${preview.layout}`) })}</p> : null}
          <p className="muted">{t('contactFiles.matchPolicy')}</p>
          <p className="notice">{t('contactFiles.organisationPolicy')}</p>
          <UnknownOrganisations unknown={preview.unknownOrganisations} choices={organisations} busy={previewCall.isPending} onChoose={chooseOrganisation} />
          <ul className="contact-import__counts" aria-label={t('contactFiles.step3')}>
            {importOutcomes.map((o) => (
              <li key={o}>
                <strong>{preview.counts[o]}</strong> {t(`contactFiles.outcomes.${o}`)}
              </li>
            ))}
          </ul>
          {importOutcomes
            .filter((o) => o !== 'unchanged')
            .map((o) => (
              <OutcomeGroup key={o} outcome={o} rows={preview.rows.filter((r) => r.outcome === o)} vcf={preview.format === 'vcf'} forceNew={forceNew} onForce={toggleForce} />
            ))}
          {preview.counts.new + preview.counts.updated === 0 ? <p className="notice">{t('contactFiles.nothingToImport')}</p> : null}
          <div className="form-actions">
            {preview.format !== 'vcf' ? (
              <button type="button" className="button button--secondary" onClick={() => setStep('mapping')}>
                {t('contactFiles.backToMapping')}
              </button>
            ) : null}
            <button type="button" className="button" disabled={importCall.isPending || previewCall.isPending || preview.needsMapping || preview.counts.new + preview.counts.updated === 0} onClick={doImport}>
              {t('contactFiles.doImport')}
            </button>
          </div>
          {importCall.isPending ? <JobProgress kind="contactFiles.import" label={t('contactFiles.importing')} /> : null}
        </div>
      ) : null}

      {result && step === 'done' ? (
        <div className="card" role="region" aria-label={t('contactFiles.summaryTitle')}>
          <h2>{t('contactFiles.summaryTitle')}</h2>
          <p>{t('contactFiles.summary', { created: result.created, updated: result.updated, unchanged: result.unchanged, skipped: result.skipped, rejected: result.rejected })}</p>
          {result.organisationsCreated > 0 ? <p>{t('contactFiles.organisationsCreated', { count: result.organisationsCreated })}</p> : null}
          <button type="button" className="button button--secondary" onClick={reset}>
            {t('contactFiles.importAnother')}
          </button>
        </div>
      ) : null}
    </section>
  );
}

function MappingStep({
  preview,
  mapping,
  onChange,
  busy,
  onContinue,
}: {
  readonly preview: ImportPreview;
  readonly mapping: ColumnMapping;
  readonly onChange: (mapping: ColumnMapping) => void;
  readonly busy: boolean;
  readonly onContinue: () => void;
}) {
  const { t } = useTranslation();
  const sample = (header: string | null | undefined): string | null => {
    if (!header) return null;
    const i = preview.headers.indexOf(header);
    return preview.samples.map((row) => row[i] ?? '').find((v) => v.trim() !== '') ?? null;
  };
  const hasName = Boolean(mapping.name || mapping.firstName || mapping.lastName);
  const delimiter = preview.delimiter === ';' ? t('contactFiles.delimiterSemicolon') : preview.delimiter === ',' ? t('contactFiles.delimiterComma') : t('contactFiles.delimiterTab');
  return (
    <div className="card" role="region" aria-label={t('contactFiles.step2')}>
      <h2>{t('contactFiles.step2')}</h2>
      <p>{t('contactFiles.mappingIntro')}</p>
      <p className="muted">{preview.mappingSource === 'remembered' ? t('contactFiles.mappingRemembered') : t('contactFiles.mappingProposed')}</p>
      {preview.encoding ? <p className="muted">{t('contactFiles.readAs', { encoding: t(`contactFiles.encoding.${preview.encoding}`), delimiter })}</p> : null}
      <table className="table table--compact contact-import__mapping">
        <tbody>
          {importFields.map((field: ImportField) => {
            const value = sample(mapping[field]);
            return (
              <tr key={field}>
                <th scope="row">
                  <label htmlFor={`map-${field}`}>{t(`contactFiles.fields.${field}`)}</label>
                </th>
                <td>
                  <select id={`map-${field}`} value={mapping[field] ?? ''} onChange={(e) => onChange({ ...mapping, [field]: e.target.value || null })}>
                    <option value="">{t('contactFiles.notImported')}</option>
                    {preview.headers.map((h) => (
                      <option key={h} value={h}>
                        {h}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="muted">{mapping[field] ? (value ? t('contactFiles.sample', { value }) : t('contactFiles.noSample')) : null}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {!hasName ? <p className="notice notice--warning">{t('contactFiles.needsName')}</p> : null}
      <div className="form-actions">
        <button type="button" className="button" disabled={!hasName || busy} onClick={onContinue}>
          {t('contactFiles.showPreview')}
        </button>
      </div>
    </div>
  );
}

/**
 * The organisations the file names that Kredsbog does not know, once per
 * name: tick "Opret" to have the import create one, with its kind and
 * kommune (the kommune the file's rows name most often is suggested).
 */
function UnknownOrganisations({
  unknown,
  choices,
  busy,
  onChoose,
}: {
  readonly unknown: readonly UnknownOrganisation[];
  readonly choices: Readonly<Record<string, OrganisationChoice>>;
  readonly busy: boolean;
  readonly onChoose: (name: string, choice: OrganisationChoice) => void;
}) {
  const { t } = useTranslation();
  const kommuner = useApiQuery('kommuner.list', {});
  if (unknown.length === 0) return null;
  return (
    <section className="contact-import__group" aria-label={t('contactFiles.unknownOrganisations')}>
      <h3>
        {t('contactFiles.unknownOrganisations')} ({unknown.length})
      </h3>
      <p className="muted">{t('contactFiles.unknownOrganisationsHelp')}</p>
      <table className="table table--compact contact-import__organisations">
        <tbody>
          {unknown.map((o, i) => {
            const choice = choices[o.name] ?? { create: false, kind: 'boligorganisation', kommuneId: o.suggestedKommuneId };
            const id = `unknown-organisation-${i}`;
            return (
              <tr key={o.name}>
                <td>
                  <label className="checkbox">
                    <input type="checkbox" checked={choice.create} disabled={busy} aria-label={t('contactFiles.createOrganisationLabel', { name: o.name })} onChange={(e) => onChoose(o.name, { ...choice, create: e.target.checked })} />
                    {t('contactFiles.createOrganisation')}
                  </label>
                </td>
                <td>
                  <strong>{o.name}</strong>
                  <div className="muted">{t('contactFiles.unknownRows', { count: o.rows.length })}</div>
                </td>
                <td>
                  <select id={`${id}-kind`} aria-label={`${t('contactFiles.organisationKind')}: ${o.name}`} value={choice.kind} disabled={busy} onChange={(e) => onChoose(o.name, { ...choice, kind: e.target.value as OrganisationKind })}>
                    {organisationKinds.map((k) => (
                      <option key={k} value={k}>
                        {t(`kinds.organisation.${k}`)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <select id={`${id}-kommune`} aria-label={`${t('contactFiles.organisationKommune')}: ${o.name}`} value={choice.kommuneId ?? ''} disabled={busy} onChange={(e) => onChoose(o.name, { ...choice, kommuneId: e.target.value || null })}>
                    <option value="">{t('contactFiles.noKommune')}</option>
                    {(kommuner.data ?? []).map((k) => (
                      <option key={k.id} value={k.id}>
                        {k.navn}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

function OutcomeGroup({
  outcome,
  rows,
  vcf,
  forceNew,
  onForce,
}: {
  readonly outcome: ImportOutcome;
  readonly rows: readonly ImportRow[];
  readonly vcf: boolean;
  readonly forceNew: readonly number[];
  readonly onForce: (row: number, on: boolean) => void;
}) {
  const { t } = useTranslation();
  if (rows.length === 0) return null;
  return (
    <section className="contact-import__group" aria-label={t(`contactFiles.outcomes.${outcome}`)}>
      <h3>
        {t(`contactFiles.outcomes.${outcome}`)} ({rows.length})
      </h3>
      {outcome === 'duplicate' ? <p className="muted">{t('contactFiles.duplicateHelp')}</p> : null}
      <table className="table table--compact">
        <tbody>
          {rows.map((r) => (
            <tr key={r.rowNumber}>
              <td className="nowrap muted">{vcf ? t('contactFiles.card', { row: r.rowNumber }) : t('contactFiles.row', { row: r.rowNumber })}</td>
              <td>
                <strong>{r.name || t('contactFiles.noName')}</strong>
                {r.emails.length ? <span className="muted"> · {r.emails.join(', ')}</span> : null}
                {r.role ? <div className="muted">{r.role}</div> : null}
                {r.match && outcome !== 'new' ? <div className="muted">{t('contactFiles.existing', { name: r.match.name })}</div> : null}
              </td>
              <td>
                {r.reasons.length ? (
                  <ul className="plain-list">
                    {r.reasons.map((reason) => (
                      <li key={reason}>{reason}</li>
                    ))}
                  </ul>
                ) : null}
                {r.notes.map((note) => (
                  <div key={note} className="notice notice--warning">
                    {note}
                  </div>
                ))}
              </td>
              {outcome === 'duplicate' || forceNew.includes(r.rowNumber) ? (
                <td>
                  <label className="checkbox">
                    <input type="checkbox" checked={forceNew.includes(r.rowNumber)} onChange={(e) => onForce(r.rowNumber, e.target.checked)} />
                    {t('contactFiles.forceNew')}
                  </label>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
