import { Anchor, Notification, Stack } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../auth/AuthProvider.tsx';
import { type LiveNotification, useLiveUpdates } from './use-live-updates.ts';

const SHOWN_MS = 8_000;
const MOST_SHOWN = 3;

/**
 * Mounted once in the signed-in layout: keeps the tab's screens up to date
 * and shows each new notification for a few seconds. The toasts sit in a
 * polite live region: a screen reader reads them when it is free, and the
 * focus stays where the user is.
 */
export function LiveUpdates() {
  const { t } = useTranslation();
  const auth = useAuth();
  const [shown, setShown] = useState<LiveNotification[]>([]);
  const dismiss = useCallback((id: string) => setShown((list) => list.filter((item) => item.id !== id)), []);
  useLiveUpdates({
    enabled: auth.status === 'authenticated',
    organizationId: auth.organization?.organizationId ?? null,
    onNotification: (notification) =>
      setShown((list) =>
        [...list.filter((item) => item.id !== notification.id), notification].slice(-MOST_SHOWN),
      ),
  });
  const newest = shown.at(-1)?.id;
  useEffect(() => {
    if (!newest) return;
    const timer = setTimeout(() => dismiss(newest), SHOWN_MS);
    return () => clearTimeout(timer);
  }, [newest, dismiss]);

  return (
    <Stack
      role="status"
      aria-live="polite"
      aria-label={t('live.region')}
      gap="xs"
      pos="fixed"
      bottom={16}
      right={16}
      w={340}
      maw="calc(100vw - 32px)"
      style={{ zIndex: 400 }}
    >
      {shown.map((notification) => (
        <Notification
          key={notification.id}
          // The region announces it; each toast is not an alert of its own.
          role="none"
          withBorder
          title={
            notification.url ? (
              <Anchor component={Link} to={notification.url} onClick={() => dismiss(notification.id)}>
                {notification.title}
              </Anchor>
            ) : (
              notification.title
            )
          }
          onClose={() => dismiss(notification.id)}
          closeButtonProps={{ 'aria-label': t('live.dismiss') }}
        >
          {notification.body}
        </Notification>
      ))}
    </Stack>
  );
}
