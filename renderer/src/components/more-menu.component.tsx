import { useEffect, useRef, type ReactNode } from 'react';

/**
 * "Mere ▾": less-used actions of a page header, in a native <details>
 * disclosure (keyboard and screen-reader friendly without script). Closes on
 * Escape, on a click outside and after an action is chosen.
 */
export function MoreMenu({ label, children }: { readonly label: string; readonly children: ReactNode }) {
  const details = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const close = (event: Event) => {
      const element = details.current;
      if (!element?.open) return;
      if (event instanceof KeyboardEvent ? event.key === 'Escape' : !element.contains(event.target as Node)) element.open = false;
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, []);
  return (
    <details className="more-menu" ref={details}>
      <summary className="button button--secondary">{label} ▾</summary>
      <div
        className="more-menu__items"
        onClick={(event) => {
          if ((event.target as HTMLElement).closest('button, a') && details.current) details.current.open = false;
        }}
      >
        {children}
      </div>
    </details>
  );
}
