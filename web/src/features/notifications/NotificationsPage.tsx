import { Anchor, Button, Group, SegmentedControl, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState, ErrorState, LoadingState } from '../../components/States.tsx';
import { NotificationItem } from './NotificationItem.tsx';
import { useMarkRead, useNotificationList } from './use-notifications.ts';

/** Every notification of the member, newest first; unread ones alone on demand. */
export function NotificationsPage() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<'all' | 'unread'>('all');
  const list = useNotificationList(filter === 'unread');
  const markRead = useMarkRead();
  const unreadCount = list.data?.pages[0]?.unreadCount ?? 0;
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack gap="md" maw={760}>
      <Group justify="space-between" align="flex-end">
        <Title order={2}>{t('notifications.title')}</Title>
        <Anchor component={Link} to="/notifications/preferences" size="sm">
          {t('notifications.preferences.title')}
        </Anchor>
      </Group>
      <Group justify="space-between">
        <SegmentedControl
          value={filter}
          onChange={(value) => setFilter(value === 'unread' ? 'unread' : 'all')}
          aria-label={t('notifications.filter')}
          data={[
            { value: 'all', label: t('notifications.all') },
            { value: 'unread', label: t('notifications.unreadFilter', { count: unreadCount }) },
          ]}
        />
        <Button
          variant="light"
          size="xs"
          disabled={unreadCount === 0}
          loading={markRead.isPending}
          onClick={() => markRead.mutate({ all: true })}
        >
          {t('notifications.markAllRead')}
        </Button>
      </Group>
      {list.isPending ? (
        <LoadingState />
      ) : list.isError ? (
        <ErrorState onRetry={() => list.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title={filter === 'unread' ? t('notifications.noneUnread') : t('notifications.empty')}>
          {t('notifications.emptyHint')}
        </EmptyState>
      ) : (
        <Stack
          component="ul"
          gap={0}
          m={0}
          p={0}
          style={{ listStyle: 'none' }}
          aria-label={t('notifications.title')}
        >
          {items.map((notification) => (
            <NotificationItem
              key={notification.id}
              notification={notification}
              onRead={(id) => markRead.mutate({ ids: [id] })}
            />
          ))}
        </Stack>
      )}
      {list.hasNextPage && (
        <Button variant="default" onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>
          {t('notifications.more')}
        </Button>
      )}
    </Stack>
  );
}
