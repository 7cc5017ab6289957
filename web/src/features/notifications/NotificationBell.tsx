import { ActionIcon, Anchor, Button, Group, Indicator, Popover, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { NotificationItem } from './NotificationItem.tsx';
import { useLatestNotifications, useMarkRead } from './use-notifications.ts';

function BellIcon() {
  return (
    <svg
      width="20"
      height="20"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      aria-hidden="true"
    >
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" strokeLinecap="round" strokeLinejoin="round" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

/** The header's bell: the unread count on it, the latest notifications under it. */
export function NotificationBell() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const latest = useLatestNotifications();
  const markRead = useMarkRead();
  const unread = latest.data?.unreadCount ?? 0;
  const label = unread > 0 ? t('notifications.bellUnread', { count: unread }) : t('notifications.bell');
  return (
    // The count sits on the bell; Popover.Target gives the button itself aria-expanded and aria-controls.
    <Indicator label={unread > 99 ? '99+' : unread} size={16} color="red" disabled={unread === 0} offset={4}>
      {/* Inside the header rather than a portal: the open list stays within the banner landmark. */}
      <Popover
        opened={opened}
        onChange={(next) => (next ? undefined : close())}
        position="bottom-end"
        withinPortal={false}
        trapFocus
        returnFocus
        shadow="md"
        width={360}
      >
        <Popover.Target>
          <ActionIcon variant="subtle" color="gray" size="lg" onClick={toggle} aria-label={label}>
            <BellIcon />
          </ActionIcon>
        </Popover.Target>
        <Popover.Dropdown
          p="sm"
          role="dialog"
          aria-label={t('notifications.title')}
          style={{ maxWidth: 'calc(100vw - 16px)' }}
        >
          <Stack gap="xs">
            <Group justify="space-between" wrap="nowrap">
              <Text fw={700} size="sm">
                {t('notifications.title')}
              </Text>
              <Button
                variant="subtle"
                size="compact-xs"
                disabled={unread === 0}
                loading={markRead.isPending}
                onClick={() => markRead.mutate({ all: true })}
              >
                {t('notifications.markAllRead')}
              </Button>
            </Group>
            {latest.isPending ? (
              <LoadingState />
            ) : latest.isError ? (
              <ErrorState onRetry={() => latest.refetch()} />
            ) : latest.data.items.length === 0 ? (
              <Text size="sm" c="dimmed" py="md" ta="center">
                {t('notifications.empty')}
              </Text>
            ) : (
              <Stack
                component="ul"
                gap={0}
                m={0}
                p={0}
                style={{ listStyle: 'none', maxHeight: 'min(60vh, 420px)', overflowY: 'auto' }}
              >
                {latest.data.items.map((notification) => (
                  <NotificationItem
                    key={notification.id}
                    notification={notification}
                    compact
                    onRead={(id) => markRead.mutate({ ids: [id] })}
                    onOpen={close}
                  />
                ))}
              </Stack>
            )}
            <Group justify="space-between">
              <Anchor component={Link} to="/notifications" size="sm" onClick={close}>
                {t('notifications.seeAll')}
              </Anchor>
              <Anchor component={Link} to="/notifications/preferences" size="sm" onClick={close}>
                {t('notifications.preferences.title')}
              </Anchor>
            </Group>
          </Stack>
        </Popover.Dropdown>
      </Popover>
    </Indicator>
  );
}
