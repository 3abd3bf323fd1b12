import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';

/** A component loaded on first render, from its own chunk (every page but Overblik; dialogs the first view never opens). */
export function lazyComponent<P extends object>(load: () => Promise<ComponentType<P>>): LazyExoticComponent<ComponentType<P>> {
  return lazy(async () => ({ default: await load() }));
}

/**
 * A dialog whose code (and the zod schemas its form validates with) loads when
 * it is first opened, not with the first view. It waits in a Suspense of its
 * own, showing nothing while it loads, so opening it never blanks the page.
 */
export function lazyDialog<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  const Dialog = lazyComponent(load) as ComponentType<P>;
  return function LazyDialog(props: P) {
    return (
      <Suspense fallback={null}>
        <Dialog {...props} />
      </Suspense>
    );
  };
}
