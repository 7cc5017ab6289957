import { useMutation, useQuery } from '@tanstack/react-query';
import { api, type Schemas, unwrap } from '../../lib/api/client.ts';

export type ProviderId = Schemas['ProviderId'];

/** The login providers (Google, GitHub, Facebook, single sign-on) this instance offers. */
export function useLoginProviders() {
  return useQuery({
    queryKey: ['login-providers'],
    queryFn: async () => unwrap(await api.GET('/api/v1/auth/providers')).items,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** Leaves for the provider's page; the server sends the browser back into the app. */
export function useStartProvider(mode: 'login' | 'link') {
  return useMutation({
    mutationFn: async ({ provider, next }: { provider: ProviderId; next?: string }) => {
      const path =
        mode === 'login' ? '/api/v1/auth/oauth/{provider}/login' : '/api/v1/auth/oauth/{provider}/link';
      const { authorizationUrl } = unwrap(
        await api.POST(path, { params: { path: { provider } }, body: { next } }),
      );
      window.location.assign(authorizationUrl);
    },
  });
}
