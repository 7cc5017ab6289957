import { useSearchParams } from 'react-router';

/**
 * The page's address as its filters: `set(name, value)` writes one of them
 * (an empty value removes it) without adding a step to the browser's
 * history, so Back leaves the page instead of undoing a filter.
 */
export function useSearchParam(): [URLSearchParams, (name: string, value: string | null) => void] {
  const [params, setParams] = useSearchParams();
  const set = (name: string, value: string | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  return [params, set];
}
