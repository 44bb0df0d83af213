import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

export interface LazyComponent<P extends object> {
  readonly Component: LazyExoticComponent<ComponentType<P>>;
  /** Starts fetching the chunk now (once); resolves when it is there. */
  readonly preload: () => Promise<unknown>;
}

/**
 * A component in a chunk of its own, as React's `lazy`, that renders at once when its chunk came
 * before it is first rendered (preloaded). A lazy component given a promise always suspends once,
 * and React keeps a Suspense fallback it showed for at least 300 ms; React takes any thenable
 * (react.dev/reference/react/lazy), so this one answers synchronously when the chunk is there.
 */
export function lazyComponent<P extends object>(load: () => Promise<ComponentType<P>>): LazyComponent<P> {
  let loaded: { default: ComponentType<P> } | undefined;
  let loading: Promise<{ default: ComponentType<P> }> | undefined;
  const preload = () =>
    (loading ??= load().then(
      (component) => (loaded = { default: component }),
      (error: unknown) => {
        // A chunk that failed to come (the network) is asked for again next time.
        loading = undefined;
        throw error;
      },
    ));
  const thenable = {
    then(resolve: (module: { default: ComponentType<P> }) => void, reject: (error: unknown) => void) {
      if (loaded) resolve(loaded);
      else preload().then(resolve, reject);
    },
  };
  return { Component: lazy(() => thenable as unknown as Promise<{ default: ComponentType<P> }>), preload };
}
