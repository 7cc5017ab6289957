import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../features/auth/AuthProvider.tsx';
import { api, unwrap } from './api/client.ts';
import { todayIn } from './dates.ts';

/** The organization the app acts in: its time zone and currency shape dates and amounts. */
export function useOrganization() {
  const auth = useAuth();
  const organizationId = auth.organization?.organizationId;
  return useQuery({
    queryKey: ['organization', organizationId],
    queryFn: async () => unwrap(await api.GET('/api/v1/organization')),
    enabled: organizationId !== undefined,
    staleTime: 5 * 60_000,
  });
}

/** Today in the organization's time zone (the browser's until it is known). */
export function useToday(): string {
  const organization = useOrganization();
  return todayIn(organization.data?.timezone);
}

/** Formats the API's decimal strings ("350.00") as money in the organization's currency. */
export function useMoney(): (amount: string | null | undefined) => string {
  const organization = useOrganization();
  const { i18n } = useTranslation();
  const currency = organization.data?.currency ?? 'EUR';
  const formatter = new Intl.NumberFormat(i18n.resolvedLanguage, { style: 'currency', currency });
  return (amount) => (amount === null || amount === undefined ? '—' : formatter.format(Number(amount)));
}

/** Whether the current member may change houses, stays and guests. */
export function useCanManage(): boolean {
  const role = useAuth().organization?.role;
  return role === 'admin' || role === 'manager';
}
