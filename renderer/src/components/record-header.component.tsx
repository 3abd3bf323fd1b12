import { DeleteAndLeaveButton } from './delete-and-leave.button';
import { DownloadButton } from './download.button';
import { PageHeader } from './page.component';

/** Every deadline, past and future: the window of a record's own .ics. */
const allDeadlines = { from: '2000-01-01', to: '2100-12-31' } as const;

/**
 * The header of a record's own page that saves itself (Aftale, Helhedsplan):
 * its name; what it is, its kommune and the save state (`facts`, a missing one
 * left out) joined by " · "; then the .ics of all its deadlines (when `ics`
 * is given) and the delete button that goes back to the list.
 */
export function RecordPageHeader({ title, facts, ics, remove }: {
  readonly title: string;
  readonly facts: readonly (string | null)[];
  readonly ics?: { readonly label: string; readonly load: (range: typeof allDeadlines) => Promise<{ readonly fileName: string; readonly base64: string }> } | undefined;
  readonly remove: Parameters<typeof DeleteAndLeaveButton>[0];
}) {
  return (
    <PageHeader
      title={title}
      subtitle={facts.filter(Boolean).join(' · ')}
      actions={
        <>
          {ics ? <DownloadButton label={ics.label} load={() => ics.load(allDeadlines)} /> : null}
          <DeleteAndLeaveButton {...remove} />
        </>
      }
    />
  );
}
