import { useLocation } from 'wouter';
import { useToast } from './toast.component';

/**
 * A record page's delete button: deletes the record, says so and goes back to
 * its list (the record's page has nothing left to show). `remove` runs the
 * page's own delete mutation with the callbacks given.
 */
export function DeleteAndLeaveButton({ label, deletedMessage, listHref, remove }: {
  readonly label: string;
  readonly deletedMessage: string;
  readonly listHref: string;
  readonly remove: (callbacks: { readonly onSuccess: () => void }) => void;
}) {
  const toast = useToast();
  const [, navigate] = useLocation();
  return (
    <button
      type="button"
      className="button button--danger"
      onClick={() =>
        remove({
          onSuccess: () => {
            toast.show(deletedMessage);
            navigate(listHref);
          },
        })
      }
    >
      {label}
    </button>
  );
}
