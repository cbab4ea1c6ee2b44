// The filters, search and paging of a list page live in its query string, so a filtered list can be
// reloaded, shared and gone back to. Changing a filter drops the paging keys: the old page or cursor
// belongs to another result.
import { useSearchParams } from "@remix-run/react";
import { useCallback } from "react";

export type ParamChanges = Record<string, string | null>;

/** `update(changes)` sets each key (null or "" removes it) and drops `pagingKeys` unless `changes` names them. */
export function useListParams(pagingKeys: readonly string[], options: { replace?: boolean } = {}) {
  const [params, setParams] = useSearchParams();
  const { replace } = options;
  const update = useCallback(
    (changes: ParamChanges) => {
      const next = new URLSearchParams(params);
      for (const key of pagingKeys) if (!(key in changes)) next.delete(key);
      for (const [key, value] of Object.entries(changes)) {
        if (value === null || value === "") next.delete(key);
        else next.set(key, value);
      }
      setParams(next, { replace, preventScrollReset: true });
    },
    [params, setParams, pagingKeys, replace],
  );
  return { params, setParams, update };
}
