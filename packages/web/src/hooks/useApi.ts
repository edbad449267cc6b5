import { useCallback, useEffect, useRef, useState } from "react";
import { apiFetch } from "../api/client.ts";

/** State of a GET request bound to a component. */
export interface ApiState<T> {
  data: T | null;
  error: unknown;
  isLoading: boolean;
  reload(): void;
}

/** Loads `path` (null: nothing to load) and reloads when it changes; stale answers are dropped. */
export function useApi<T>(path: string | null): ApiState<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [isLoading, setIsLoading] = useState(path !== null);
  const [tick, setTick] = useState(0);
  const latest = useRef(0);

  useEffect(() => {
    if (path === null) {
      setIsLoading(false);
      return;
    }
    const requestId = ++latest.current;
    setIsLoading(true);
    setError(null);
    apiFetch<T>(path).then(
      (value) => {
        if (requestId !== latest.current) return;
        setData(value);
        setIsLoading(false);
      },
      (reason: unknown) => {
        if (requestId !== latest.current) return;
        setError(reason);
        setIsLoading(false);
      },
    );
  }, [path, tick]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, isLoading, reload };
}
