import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Modal,
  Progress,
  Stack,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { formatDate } from '../../lib/dates.ts';
import { errorSummary } from '../../lib/form-errors.ts';
import { useAuth } from '../auth/AuthProvider.tsx';
import { PendingReports, ReportIssueButton } from '../maintenance/ReportIssue.tsx';
import { discardTick, type PendingTick, queueTick, retryTick, usePendingTicks } from './tick-queue.ts';
import { type Checklist, useChecklist, useRound, useRounds } from './use-checklists.ts';

type Category = Checklist['categories'][number];
type Item = Category['items'][number];

/** The server's checklist with the ticks still on their way laid over it. */
function withPending(checklist: Checklist, pending: PendingTick[]) {
  const wished = new Map(pending.map((tick) => [tick.itemId, tick]));
  const categories = checklist.categories.map((category) => {
    const items = category.items.map((item) => {
      const tick = wished.get(item.id);
      return { ...item, completed: tick ? tick.completed : item.completed, pending: tick };
    });
    const done = items.filter((item) => item.completed).length;
    return { ...category, items, done, ready: done === items.length };
  });
  const done = categories.reduce((sum, category) => sum + category.done, 0);
  return { categories, done, total: checklist.total, allTicked: done === checklist.total };
}

/**
 * A house's checklist on a cleaner's phone: categories with their progress,
 * big rows to tick, the product to use under each step, and a clear "ready".
 * A tick shows at once and is sent in the background (see tick-queue.ts).
 */
export function ChecklistPage() {
  const { houseId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const auth = useAuth();
  const checklist = useChecklist(houseId);
  const pending = usePendingTicks(houseId);
  const [historyOpen, setHistoryOpen] = useState(false);
  const canTick = auth.organization?.role !== 'owner';

  if (checklist.isPending) return <LoadingState />;
  if (checklist.isError)
    return <ErrorState message={errorSummary(t, checklist.error)} onRetry={() => checklist.refetch()} />;

  const data = checklist.data;
  const shown = withPending(data, pending);
  const waiting = pending.filter((tick) => !tick.failed);
  const failed = pending.filter((tick) => tick.failed);
  // A round closed when guests checked in before it was done: the first tick starts the next one.
  const closed = data.round.closedAt !== null && waiting.length === 0;
  const ready = shown.allTicked && !closed;
  const tick = (item: Item, completed: boolean) => {
    const organizationId = auth.organization?.organizationId;
    if (organizationId) queueTick({ organizationId, houseId, itemId: item.id, completed });
  };

  return (
    <Stack gap="md" maw={720}>
      <Stack gap={4}>
        <Anchor component={Link} to="/today" size="sm">
          ← {t('nav.today')}
        </Anchor>
        <Group justify="space-between" align="flex-end">
          <Title order={2}>{data.houseName}</Title>
          <Button variant="subtle" size="xs" onClick={() => setHistoryOpen(true)}>
            {t('checklist.history')}
          </Button>
        </Group>
      </Stack>

      {canTick && <ReportIssueButton houseId={houseId} houseName={data.houseName} fullWidth />}
      <PendingReports />

      <Card withBorder padding="md" bg={ready ? 'teal.0' : undefined} role="status" aria-live="polite">
        <Stack gap="xs">
          <Group justify="space-between" wrap="nowrap">
            <Text fw={700} size="lg" c={ready ? 'teal.9' : undefined}>
              {closed
                ? t('checklist.skippedTitle')
                : !ready
                  ? t('checklist.notReady')
                  : waiting.length > 0
                    ? t('checklist.readyPending')
                    : t('checklist.ready')}
            </Text>
            <Text fw={600}>
              {shown.done}/{shown.total}
            </Text>
          </Group>
          <Progress
            value={shown.total === 0 ? 100 : (shown.done / shown.total) * 100}
            color={ready ? 'teal' : 'cyan'}
            size="lg"
            aria-label={t('checklist.progress', { done: shown.done, total: shown.total })}
          />
          {data.nextArrival && (
            <Text size="sm" c="dimmed">
              {t('checklist.nextArrival', {
                date: formatDate(data.nextArrival.checkIn, i18n.resolvedLanguage, {
                  weekday: 'long',
                  day: 'numeric',
                  month: 'long',
                }),
              })}
            </Text>
          )}
          {closed && <Text size="sm">{t('checklist.skipped')}</Text>}
        </Stack>
      </Card>

      {waiting.length > 0 && (
        <Alert color="yellow" role="status">
          {t('checklist.waiting', { count: waiting.length })}
        </Alert>
      )}
      {failed.length > 0 && (
        <Alert color="red" role="alert" title={t('checklist.failedTitle')}>
          <Stack gap={6}>
            {failed.map((entry) => (
              <Group key={entry.itemId} justify="space-between" wrap="nowrap">
                <Text size="sm">
                  {data.categories
                    .flatMap((category) => category.items)
                    .find((item) => item.id === entry.itemId)?.description ?? entry.itemId}
                </Text>
                <Group gap={4} wrap="nowrap">
                  <Button size="compact-xs" variant="white" color="red" onClick={() => retryTick(entry)}>
                    {t('state.retry')}
                  </Button>
                  <Button size="compact-xs" variant="subtle" color="gray" onClick={() => discardTick(entry)}>
                    {t('checklist.discard')}
                  </Button>
                </Group>
              </Group>
            ))}
          </Stack>
        </Alert>
      )}

      {shown.categories.length === 0 && (
        <Card withBorder>
          <Text c="dimmed">{t('checklist.empty')}</Text>
        </Card>
      )}
      {shown.categories.map((category) => (
        <Card key={category.id} withBorder padding={0}>
          <Stack gap={6} p="md" pb="xs">
            <Group justify="space-between" wrap="nowrap">
              <Title order={3} size="h4">
                {category.name}
              </Title>
              {category.ready ? (
                <Badge color="teal" variant="light">
                  {t('checklist.categoryReady')}
                </Badge>
              ) : (
                <Text size="sm" c="dimmed">
                  {category.done}/{category.total}
                </Text>
              )}
            </Group>
            <Progress
              value={(category.done / category.total) * 100}
              color={category.ready ? 'teal' : 'cyan'}
              size="sm"
              aria-hidden
            />
          </Stack>
          {category.items.map((item) => (
            <ItemRow
              key={item.id}
              item={item}
              disabled={!canTick}
              onChange={(completed) => tick(item, completed)}
            />
          ))}
        </Card>
      ))}

      <Modal
        opened={historyOpen}
        onClose={() => setHistoryOpen(false)}
        title={t('checklist.history')}
        size="lg"
      >
        {historyOpen && <RoundHistory houseId={houseId} />}
      </Modal>
    </Stack>
  );
}

function ItemRow({
  item,
  disabled,
  onChange,
}: {
  item: Item & { pending?: PendingTick };
  disabled: boolean;
  onChange: (completed: boolean) => void;
}) {
  const { t, i18n } = useTranslation();
  const label = item.description;
  return (
    <UnstyledButton
      component="label"
      px="md"
      py="sm"
      style={{
        display: 'flex',
        gap: 14,
        alignItems: 'flex-start',
        borderTop: '1px solid var(--mantine-color-gray-2)',
        minHeight: 56,
        cursor: disabled ? 'default' : 'pointer',
      }}
    >
      <Checkbox
        size="lg"
        checked={item.completed}
        disabled={disabled}
        onChange={(event) => onChange(event.currentTarget.checked)}
        aria-label={label}
        color="teal"
        mt={2}
      />
      <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
        <Text
          fw={500}
          td={item.completed ? 'line-through' : undefined}
          c={item.completed ? 'dimmed' : undefined}
        >
          {item.stepNumber}. {label}
        </Text>
        {item.productRequired && (
          <Text size="sm" c="cyan.8">
            {t('checklist.product', { product: item.productRequired })}
          </Text>
        )}
        {item.pending ? (
          <Text size="xs" c={item.pending.failed ? 'red' : 'yellow.8'}>
            {item.pending.failed ? t('checklist.notSent') : t('checklist.sending')}
          </Text>
        ) : (
          item.completed &&
          item.completedAt && (
            <Text size="xs" c="dimmed">
              {t('checklist.doneBy', {
                name: item.completedBy?.name ?? '',
                time: new Date(item.completedAt).toLocaleTimeString(i18n.resolvedLanguage, {
                  hour: '2-digit',
                  minute: '2-digit',
                }),
              })}
            </Text>
          )
        )}
      </Stack>
    </UnstyledButton>
  );
}

function RoundHistory({ houseId }: { houseId: string }) {
  const { t, i18n } = useTranslation();
  const rounds = useRounds(houseId);
  const [open, setOpen] = useState<string | null>(null);
  const round = useRound(houseId, open);
  const when = (instant: string) =>
    new Date(instant).toLocaleString(i18n.resolvedLanguage, { dateStyle: 'medium', timeStyle: 'short' });
  if (rounds.isPending) return <LoadingState />;
  if (rounds.isError) return <ErrorState onRetry={() => rounds.refetch()} />;
  if (rounds.data.length === 0) return <Text c="dimmed">{t('checklist.noHistory')}</Text>;
  return (
    <Stack gap="xs">
      {rounds.data.map((entry) => (
        <Card key={entry.id} withBorder padding="sm">
          <UnstyledButton onClick={() => setOpen(open === entry.id ? null : entry.id)} w="100%">
            <Group justify="space-between" wrap="nowrap">
              <div>
                <Text size="sm" fw={600}>
                  {t('checklist.roundOpened', { date: when(entry.openedAt) })}
                </Text>
                <Text size="xs" c="dimmed">
                  {entry.skipped
                    ? t('checklist.roundSkipped', {
                        date: when(entry.skipped.at),
                        name: entry.skipped.by?.name ?? '—',
                      })
                    : entry.completedAt
                      ? t('checklist.roundDone', { date: when(entry.completedAt) })
                      : t('checklist.notReady')}
                </Text>
              </div>
              <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
                {entry.skipped && (
                  <Badge color="gray" variant="light">
                    {t('checklist.skippedBadge')}
                  </Badge>
                )}
                <Badge color={entry.completedAt ? 'teal' : entry.skipped ? 'gray' : 'orange'} variant="light">
                  {entry.done}/{entry.total}
                </Badge>
              </Group>
            </Group>
          </UnstyledButton>
          {entry.skipped?.reservationId && (
            <Anchor component={Link} to={`/reservations/${entry.skipped.reservationId}`} size="xs">
              {t('checklist.skippedStay')}
            </Anchor>
          )}
          {open === entry.id &&
            (round.isPending ? (
              <LoadingState />
            ) : round.isError ? (
              <ErrorState onRetry={() => round.refetch()} />
            ) : (
              <Stack gap={2} mt="xs">
                {round.data.log.length === 0 && (
                  <Text size="xs" c="dimmed">
                    {t('checklist.noTicks')}
                  </Text>
                )}
                {round.data.log.map((line) => (
                  <Text size="xs" key={line.id}>
                    {when(line.at)} · {line.user?.name ?? '—'} · {line.completed ? '✓' : '✗'}{' '}
                    {line.description}
                  </Text>
                ))}
              </Stack>
            ))}
        </Card>
      ))}
    </Stack>
  );
}
