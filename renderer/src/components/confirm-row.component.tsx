import type { ReactNode } from 'react';

/**
 * An inline confirmation under a table row ("Gendan …", "Fortryd import"):
 * a warning box named for what it confirms, its text, and the confirm and
 * cancel buttons, both disabled while the action runs. For a confirmation
 * that must block the page, use the Modal instead.
 */
export function ConfirmRow(props: {
  readonly columns: number;
  readonly title: string;
  readonly className?: string;
  readonly children: ReactNode;
  readonly confirmLabel: string;
  readonly pendingLabel: string;
  readonly cancelLabel: string;
  readonly pending: boolean;
  readonly ready?: boolean;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}) {
  return (
    <tr>
      <td colSpan={props.columns}>
        <div role="group" aria-label={props.title} className={props.className ? `notice notice--warning ${props.className}` : 'notice notice--warning'}>
          {props.children}
          <div className="form-actions">
            <button type="button" className="button" disabled={props.ready === false || props.pending} onClick={props.onConfirm}>
              {props.pending ? props.pendingLabel : props.confirmLabel}
            </button>
            <button type="button" className="button button--secondary" disabled={props.pending} onClick={props.onCancel}>
              {props.cancelLabel}
            </button>
          </div>
        </div>
      </td>
    </tr>
  );
}
