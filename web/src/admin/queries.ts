import { useQuery } from '@tanstack/react-query';
import { api } from '../api.ts';

export type Unit = { id: string; parentId: string | null; name: string; level: number; path: string };

/** The organisation's units (admin forms choose from them). */
export function useUnits() {
  return useQuery({
    queryKey: ['org-units'],
    queryFn: () => api<{ items: Unit[] }>('GET', '/admin/org-units').then((r) => r.items),
  });
}
