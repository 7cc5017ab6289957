import { Alert, Anchor, Badge, Card, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { formatDate } from '../../lib/dates.ts';
import { errorSummary } from '../../lib/form-errors.ts';
import { useToday } from '../../lib/organization.ts';
import { useAuth } from '../auth/AuthProvider.tsx';
import { DueDate, PriorityBadge, StatusBadge } from './IssueBadges.tsx';
import {
  OPEN_STATUSES,
  type PressingWorkOrder,
  typeLabel,
  useIssues,
  useMaintenanceTypes,
} from './use-maintenance.ts';

/** Urgent and high-priority work not done on houses with guests arriving within two days. */
export function UrgentWorkOrders({ orders }: { orders: PressingWorkOrder[] }) {
  const { t, i18n } = useTranslation();
  const types = useMaintenanceTypes();
  if (orders.length === 0) return null;
  return (
    <Alert color="red" title={t('maintenance.today.urgentTitle')} role="alert">
      <Stack gap={4}>
        {orders.map((order) => (
          <Anchor key={order.issueId} component={Link} to={`/maintenance/${order.issueId}`} size="sm">
            {t('maintenance.today.urgentLine', {
              house: order.houseName,
              title: order.title,
              type: typeLabel(types.data, order.type, i18n.resolvedLanguage),
              priority: t(`maintenance.priority.${order.priority}`),
              date: formatDate(order.nextArrival.checkIn, i18n.resolvedLanguage),
            })}
          </Anchor>
        ))}
      </Stack>
    </Alert>
  );
}

/**
 * The work orders assigned to the member and still to do. Staff always see
 * the card (empty, it says so); for managers it shows only when they have some.
 */
export function MyWorkOrders({ houseName }: { houseName: (id: string) => string }) {
  const { t, i18n } = useTranslation();
  const auth = useAuth();
  const today = useToday();
  const types = useMaintenanceTypes();
  const me = auth.user?.id;
  const staff = auth.organization?.role === 'staff';
  const issues = useIssues(
    { assigneeUserId: me, status: [...OPEN_STATUSES] },
    { limit: 20, enabled: me !== undefined && auth.organization?.role !== 'owner' },
  );
  const items = issues.data?.pages.flatMap((page) => page.items) ?? [];
  if (!staff && items.length === 0) return null;
  return (
    <Card withBorder padding="sm" component="section" aria-labelledby="my-work-orders">
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={700} id="my-work-orders">
            {t('maintenance.today.mine')}
          </Text>
          <Group gap="xs">
            <Badge variant="light" color="gray">
              {items.length}
            </Badge>
            <Anchor component={Link} to={`/maintenance?assignee=${me}`} size="sm">
              {t('maintenance.today.all')}
            </Anchor>
          </Group>
        </Group>
        {issues.isPending ? (
          <LoadingState />
        ) : issues.isError ? (
          <ErrorState message={errorSummary(t, issues.error)} onRetry={() => issues.refetch()} />
        ) : items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('maintenance.today.noneMine')}
          </Text>
        ) : (
          items.map((issue) => (
            <Card
              key={issue.id}
              withBorder
              padding="xs"
              radius="sm"
              component={Link}
              to={`/maintenance/${issue.id}`}
            >
              <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
                <Stack gap={2} miw={0}>
                  <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                    {issue.title}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {houseName(issue.houseId)} · {typeLabel(types.data, issue.type, i18n.resolvedLanguage)}
                  </Text>
                  {issue.dueDate && <DueDate issue={issue} today={today} />}
                </Stack>
                <Stack gap={4} align="flex-end" style={{ flexShrink: 0 }}>
                  <PriorityBadge priority={issue.priority} />
                  <StatusBadge status={issue.status} />
                </Stack>
              </Group>
            </Card>
          ))
        )}
      </Stack>
    </Card>
  );
}
