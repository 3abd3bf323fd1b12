import { useEffect, useId, useRef, type ReactElement, type ReactNode } from 'react';
import './modal.css';

const focusable = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export interface ModalProps {
  /** Names the dialog (aria-labelledby its heading, or aria-label when the heading is hidden). */
  readonly title: string;
  readonly onClose: () => void;
  readonly children: ReactNode;
  /** Extra class on the dialog box: its width or layout (`.modal.<class>` in the feature's CSS). */
  readonly className?: string;
  /** Extra class on the backdrop: `modal-backdrop--fill` for a dialog that fills the window. */
  readonly backdropClassName?: string;
  /**
   * Where the title shows: as the dialog's first line (default); inside a
   * header of the dialog's own, which is given the heading element to place;
   * or 'hidden' where the content says what it is (the command palette's input).
   */
  readonly heading?: 'hidden' | ((heading: ReactElement) => ReactNode);
  /** The dialog's own keys (arrow keys in a list). Escape and Tab are the modal's and never reach it. */
  readonly onKeyDown?: (e: React.KeyboardEvent<HTMLDivElement>) => void;
}

/**
 * THE modal dialog (every dialog in the app is one): focus moves in (to
 * `[data-autofocus]` or the first control), Tab and Shift+Tab stay inside,
 * Escape closes, a click on the backdrop closes, and focus returns to where
 * it was when the dialog opened. It sits on the one z-index scale
 * (--z-modal in styles.css), so every dialog is above menus and sticky bars
 * and below toasts.
 */
export function Modal({ title, onClose, children, className, backdropClassName, heading, onKeyDown: ownKeys }: ModalProps) {
  const dialog = useRef<HTMLDivElement>(null);
  const titleId = useId();
  // The latest onClose without re-running the focus effect on every render.
  const close = useRef(onClose);
  close.current = onClose;

  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const root = dialog.current;
    const first = root?.querySelector<HTMLElement>('[data-autofocus]') ?? root?.querySelector<HTMLElement>(focusable) ?? root;
    first?.focus();
    return () => previous?.focus();
  }, []);

  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close.current();
      return;
    }
    if (e.key !== 'Tab') {
      ownKeys?.(e);
      return;
    }
    if (!dialog.current) return;
    const items = [...dialog.current.querySelectorAll<HTMLElement>(focusable)];
    if (items.length === 0) return;
    const first = items[0]!;
    const last = items[items.length - 1]!;
    if (e.shiftKey && (document.activeElement === first || document.activeElement === dialog.current)) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  const titleElement = (
    <h2 id={titleId} className="modal__title">
      {title}
    </h2>
  );
  const hidden = heading === 'hidden';
  return (
    <div className={backdropClassName ? `modal-backdrop ${backdropClassName}` : 'modal-backdrop'} onMouseDown={(e) => e.target === e.currentTarget && close.current()}>
      <div
        ref={dialog}
        className={className ? `modal ${className}` : 'modal'}
        role="dialog"
        aria-modal="true"
        aria-labelledby={hidden ? undefined : titleId}
        aria-label={hidden ? title : undefined}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        {hidden ? null : heading ? heading(titleElement) : titleElement}
        {children}
      </div>
    </div>
  );
}
