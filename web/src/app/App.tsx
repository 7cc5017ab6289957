import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { AuthProvider } from '../features/auth/AuthProvider.tsx';
import { flush, whenDelivered } from '../features/checklists/tick-queue.ts';
import { ApiError } from '../lib/api/client.ts';
import { router } from './router.tsx';
import { cssVariablesResolver, translatedTheme } from './theme.ts';

const queryClient = new QueryClient({
  defaultOptions: {
    // A weak phone connection: retry failed reads a little, but not answers the server meant (4xx).
    queries: {
      retry: (failures, error) => failures < 2 && !(error instanceof ApiError && error.problem.status < 500),
      staleTime: 30_000,
      refetchOnWindowFocus: false,
    },
    mutations: { retry: 0 },
  },
});

// A tick the server took brings back the house's checklist: show it, and refresh what readiness feeds.
whenDelivered((houseId, checklist) => {
  queryClient.setQueryData(['checklist', houseId], checklist);
  void queryClient.invalidateQueries({ queryKey: ['readiness'] });
  void queryClient.invalidateQueries({ queryKey: ['operations'] });
});
// Ticks left from an earlier visit (offline, or the tab closed) go out now.
void flush();

export function App() {
  const { t } = useTranslation();
  const closeLabel = t('common.close');
  const theme = useMemo(() => translatedTheme(closeLabel), [closeLabel]);
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      {/* Where the confirmations of an action (a statement saved, a contract removed) appear. */}
      <Notifications position="bottom-center" />
      <QueryClientProvider client={queryClient}>
        <AuthProvider>
          <RouterProvider router={router} />
        </AuthProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}
