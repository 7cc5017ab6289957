import { createTheme, MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { AuthProvider } from '../features/auth/AuthProvider.tsx';
import { flush, whenDelivered } from '../features/checklists/tick-queue.ts';
import { ApiError } from '../lib/api/client.ts';
import { router } from './router.tsx';

const theme = createTheme({
  primaryColor: 'cyan',
  primaryShade: 8,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  defaultRadius: 'md',
});

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
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <QueryClientProvider client={queryClient}>
        <AuthProvider>
          <RouterProvider router={router} />
        </AuthProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}
