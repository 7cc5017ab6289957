import { Anchor, Box, Button, Group, Stack, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatInstant, formatRelative } from '../../lib/dates.ts';
import type { Notification } from './use-notifications.ts';

/**
 * One notification: its title links to what it is about (and marks it read),
 * its text, when; unread ones carry a dot and a "mark read" button of their own.
 */
export function NotificationItem({
  notification,
  onRead,
  onOpen,
  compact = false,
}: {
  notification: Notification;
  onRead: (id: string) => void;
  /** After following the link (the bell closes). */
  onOpen?: () => void;
  compact?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const unread = notification.readAt === null;
  const open = () => {
    if (unread) onRead(notification.id);
    onOpen?.();
  };
  return (
    <Group
      component="li"
      align="flex-start"
      wrap="nowrap"
      gap="sm"
      py={compact ? 6 : 'sm'}
      style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
    >
      <Box
        aria-hidden
        mt={7}
        w={8}
        h={8}
        style={{
          flex: 'none',
          borderRadius: '50%',
          background: unread ? 'var(--mantine-color-cyan-7)' : 'transparent',
        }}
      />
      <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
        <Text size="sm" fw={unread ? 700 : 400} style={{ overflowWrap: 'anywhere' }}>
          {unread && <VisuallyHidden>{t('notifications.unreadPrefix')} </VisuallyHidden>}
          {notification.url ? (
            <Anchor component={Link} to={notification.url} onClick={open} c="inherit" underline="hover">
              {notification.title}
            </Anchor>
          ) : (
            notification.title
          )}
        </Text>
        <Text size="xs" c="dimmed" lineClamp={compact ? 2 : undefined} style={{ overflowWrap: 'anywhere' }}>
          {notification.body}
        </Text>
        <Text
          size="xs"
          c="dimmed"
          component="time"
          dateTime={notification.createdAt}
          title={formatInstant(notification.createdAt, i18n.language)}
        >
          {formatRelative(notification.createdAt, i18n.language)}
        </Text>
      </Stack>
      {unread && (
        <Button
          variant="subtle"
          size="compact-xs"
          onClick={() => onRead(notification.id)}
          aria-label={t('notifications.markOneRead', { title: notification.title })}
          style={{ flex: 'none' }}
        >
          {t('notifications.markRead')}
        </Button>
      )}
    </Group>
  );
}
