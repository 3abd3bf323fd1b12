import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { IcsFile } from '../../../../common/calendar/calendar.domain';
import { call, describeError } from '../../api';
import { useToast } from '../../components/toast.component';
import { downloadFile } from '../../files';

/**
 * "Tilføj til Outlook" buttons: ask main for the .ics file and download it.
 * A plain mutation rather than useApiMutation: making a file changes no data,
 * so there is nothing to invalidate.
 */
function CalendarButton({ label, load }: { readonly label: string; readonly load: () => Promise<IcsFile> }) {
  const { t } = useTranslation();
  const toast = useToast();
  const make = useMutation<IcsFile, Error>({ mutationFn: load });
  return (
    <button
      type="button"
      className="button button--secondary"
      disabled={make.isPending}
      onClick={() =>
        make.mutate(undefined, {
          onSuccess: (file) => {
            downloadFile(file.fileName, file.base64);
            toast.show(t('ics.downloaded', { file: file.fileName }));
          },
          onError: (error) => toast.show(describeError(t, error), { tone: 'error' }),
        })
      }
    >
      {make.isPending ? t('ics.preparing') : label}
    </button>
  );
}

/** One meeting as an Outlook invitation (an aflyst meeting as its cancellation). */
export function MeetingCalendarButton({ meetingId, alarmMinutes }: { readonly meetingId: string; readonly alarmMinutes?: number }) {
  const { t } = useTranslation();
  return <CalendarButton label={t('ics.meetingButton')} load={() => call('calendar.meetingIcs', { meetingId, alarmMinutes })} />;
}

/** Every meeting of a series in one .ics file. */
export function SeriesCalendarButton({ seriesId, alarmMinutes }: { readonly seriesId: string; readonly alarmMinutes?: number }) {
  const { t } = useTranslation();
  return <CalendarButton label={t('ics.seriesButton')} load={() => call('calendar.seriesIcs', { seriesId, alarmMinutes })} />;
}
