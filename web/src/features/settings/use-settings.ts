import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type BodyOf, ifMatch, type Schemas, unwrap } from '../../lib/api/client.ts';
import { useAuth } from '../auth/AuthProvider.tsx';

export type OrganizationSettings = Schemas['OrganizationSettings'];
export type SettingsInput = BodyOf<'/api/v1/organization/settings', 'patch'>;
export type NotificationDefaults = Schemas['NotificationDefaults'];
export type NotificationKind = keyof NotificationDefaults['kinds'];

/** The settings of the organization the app acts in. */
export function useSettings() {
  const organizationId = useAuth().organization?.organizationId;
  return useQuery({
    queryKey: ['organization-settings', organizationId],
    queryFn: async () => unwrap(await api.GET('/api/v1/organization/settings')),
    enabled: organizationId !== undefined,
  });
}

/**
 * Saves the settings as the page showed them (If-Match: their version, so a
 * colleague's change meanwhile is a 412, not overwritten). The organization
 * (currency, time zone) and its name in the menu are read again after.
 */
export function useSaveSettings() {
  const queryClient = useQueryClient();
  const auth = useAuth();
  const organizationId = auth.organization?.organizationId;
  return useMutation({
    mutationFn: async ({ version, body }: { version: number; body: SettingsInput }) =>
      unwrap(await api.PATCH('/api/v1/organization/settings', { headers: ifMatch(version), body })),
    onSuccess: (saved) => {
      queryClient.setQueryData(['organization-settings', organizationId], saved);
      void queryClient.invalidateQueries({ queryKey: ['organization'] });
      void auth.reload();
    },
  });
}
