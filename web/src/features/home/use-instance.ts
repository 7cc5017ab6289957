import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api/client.ts';

export async function fetchInstance() {
  return unwrap(await api.GET('/api/v1/instance'));
}

/** Name and version of this installation. */
export function useInstance() {
  return useQuery({ queryKey: ['instance'], queryFn: fetchInstance });
}
