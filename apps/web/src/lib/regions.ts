import { http } from '../api/http';
import type { Region } from '../api/types';
import { useAsync } from './use-async';

let cache: Promise<Region[]> | undefined;

/** The regions (public reference data), fetched once per page load. */
export function loadRegions(): Promise<Region[]> {
  cache ??= http.get<Region[]>('/regions', { anonymous: true }).catch((e: unknown) => {
    cache = undefined;
    throw e;
  });
  return cache;
}

export function useRegions() {
  return useAsync(loadRegions, []);
}
