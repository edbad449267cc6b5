import { useCallback, useState } from "react";

function readHidden(storageKey: string): string[] {
  try {
    const value: unknown = JSON.parse(window.localStorage.getItem(storageKey) ?? "[]");
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  } catch {
    // A damaged or blocked localStorage simply means every column shows.
    return [];
  }
}

/** Which columns of a table the user has hidden, remembered in localStorage under `storageKey`. */
export function useColumnSettings(storageKey: string): { hidden: string[]; isVisible(key: string): boolean; setVisible(key: string, isVisible: boolean): void; reset(): void } {
  const [hidden, setHidden] = useState<string[]>(() => readHidden(storageKey));
  const store = useCallback(
    (next: string[]) => {
      setHidden(next);
      try {
        window.localStorage.setItem(storageKey, JSON.stringify(next));
      } catch {
        // Private mode may refuse to store; the choice then lasts for this page only.
      }
    },
    [storageKey],
  );
  return {
    hidden,
    isVisible: (key) => !hidden.includes(key),
    setVisible: (key, isVisible) => store(isVisible ? hidden.filter((k) => k !== key) : [...new Set([...hidden, key])]),
    reset: () => store([]),
  };
}
