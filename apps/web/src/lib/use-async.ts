import { DependencyList, useCallback, useEffect, useRef, useState } from 'react';

export interface AsyncState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload(): void;
  /** Replace the data locally (after a write the API answered with the new state). */
  set(data: T): void;
}

/** Loads data for a component; a newer load wins over an older one that answers late. */
export function useAsync<T>(load: () => Promise<T>, deps: DependencyList): AsyncState<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const seq = useRef(0);
  // The caller lists what the load depends on, as with useEffect.
  const run = useCallback(load, deps);

  useEffect(() => {
    const mine = ++seq.current;
    setLoading(true);
    run().then(
      (d) => {
        if (mine !== seq.current) return;
        setData(d);
        setError(undefined);
        setLoading(false);
      },
      (e: unknown) => {
        if (mine !== seq.current) return;
        setError(e);
        setLoading(false);
      },
    );
  }, [run, tick]);

  return {
    data,
    error,
    loading,
    reload: useCallback(() => setTick((n) => n + 1), []),
    set: setData,
  };
}
