import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  List,
  Modal,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Timeline,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { reservationStatusSteps, reservationStatusUndo } from '../../lib/api/client.ts';
import { formatDate } from '../../lib/dates.ts';
import { errorSummary } from '../../lib/form-errors.ts';
import { useCanManage, useToday } from '../../lib/organization.ts';
import { useChecklist } from '../checklists/use-checklists.ts';
import { StayPayments } from '../finance/StayPayments.tsx';
import { useHouses } from '../houses/use-houses.ts';
import { ReservationForm } from './ReservationForm.tsx';
import {
  hasMoney,
  type Reservation,
  type ReservationStatus,
  STATUS_COLORS,
  useReservation,
  useReservationHistory,
  useUpdateReservation,
} from './use-reservations.ts';

/** One stay: who, where, when, the money, what can happen next, and everything that happened. */
export function ReservationPage() {
  const { reservationId = '' } = useParams();
  const { t } = useTranslation();
  const reservation = useReservation(reservationId);
  if (reservation.isPending) return <LoadingState />;
  if (reservation.isError)
    return <ErrorState message={errorSummary(t, reservation.error)} onRetry={() => reservation.refetch()} />;
  return <ReservationDetail reservation={reservation.data} />;
}

function ReservationDetail({ reservation }: { reservation: Reservation }) {
  const { t, i18n } = useTranslation();
  const canManage = useCanManage();
  const houses = useHouses();
  const phone = useMediaQuery('(max-width: 36em)');
  const [editing, setEditing] = useState(false);
  const house = houses.data?.find((candidate) => candidate.id === reservation.houseId);
  const date = (value: string) =>
    formatDate(value, i18n.resolvedLanguage, {
      weekday: 'short',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    });

  return (
    <Stack gap="lg" maw={900}>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Anchor component={Link} to={`/calendar?month=${reservation.checkIn.slice(0, 7)}`} size="sm">
            ← {t('calendar.title')}
          </Anchor>
          <Title order={2}>{reservation.guestName}</Title>
          <Group gap="xs">
            <Badge color={STATUS_COLORS[reservation.status]} variant="light">
              {t(`reservations.status.${reservation.status}`)}
            </Badge>
            <Text size="sm" c="dimmed">
              {house ? `${house.name} (${house.code})` : ''} ·{' '}
              {t(`reservations.source.${reservation.source}`)}
              {reservation.externalRef ? ` · ${reservation.externalRef}` : ''}
            </Text>
          </Group>
        </Stack>
        {canManage && !['cancelled', 'checked_out'].includes(reservation.status) && (
          <Button variant="default" onClick={() => setEditing(true)}>
            {t('common.edit')}
          </Button>
        )}
      </Group>

      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <Card withBorder padding="md">
          <Stack gap="xs">
            <Title order={3} size="h5">
              {t('reservations.stay')}
            </Title>
            <Row
              label={t('reservations.fields.checkIn')}
              value={`${date(reservation.checkIn)}${house ? `, ${house.checkInTime}` : ''}`}
            />
            <Row
              label={t('reservations.fields.checkOut')}
              value={`${date(reservation.checkOut)}${house ? `, ${house.checkOutTime}` : ''}`}
            />
            <Row label={t('reservations.nightsLabel')} value={String(reservation.nights)} />
            <Row label={t('reservations.fields.guests')} value={String(reservation.guests)} />
            {hasMoney(reservation) && reservation.guestEmail && (
              <Row
                label={t('reservations.fields.guestEmail')}
                value={<Anchor href={`mailto:${reservation.guestEmail}`}>{reservation.guestEmail}</Anchor>}
              />
            )}
            {hasMoney(reservation) && reservation.guestPhone && (
              <Row
                label={t('reservations.fields.guestPhone')}
                value={<Anchor href={`tel:${reservation.guestPhone}`}>{reservation.guestPhone}</Anchor>}
              />
            )}
            {reservation.notes && <Row label={t('reservations.fields.notes')} value={reservation.notes} />}
            {reservation.status === 'cancelled' && (
              <Row
                label={t('reservations.cancelled')}
                value={`${reservation.cancelledAt ? new Date(reservation.cancelledAt).toLocaleString(i18n.resolvedLanguage) : ''}${reservation.cancellationReason ? ` — ${reservation.cancellationReason}` : ''}`}
              />
            )}
          </Stack>
        </Card>
        <StayPayments
          reservationId={reservation.id}
          guestName={reservation.guestName}
          cancelled={reservation.status === 'cancelled'}
          known={hasMoney(reservation) ? reservation : undefined}
        />
      </SimpleGrid>

      {canManage && <StatusActions reservation={reservation} />}
      <History reservationId={reservation.id} />

      <Modal
        opened={editing}
        onClose={() => setEditing(false)}
        title={t('reservations.edit')}
        size="lg"
        fullScreen={phone}
      >
        {editing && <ReservationForm reservation={reservation} onDone={() => setEditing(false)} />}
      </Modal>
    </Stack>
  );
}

function Row({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="sm" ta="right" style={{ whiteSpace: 'pre-wrap' }}>
        {value}
      </Text>
    </Group>
  );
}

/** What asks for a second thought: a check-in against the calendar or the checklist, or an undo. */
type Confirmation =
  | { kind: 'checkIn'; early: string | null; notReady: { done: number; total: number } | null }
  | { kind: 'undo'; status: ReservationStatus };

function StatusActions({ reservation }: { reservation: Reservation }) {
  const { t, i18n } = useTranslation();
  const update = useUpdateReservation();
  const today = useToday();
  const checklist = useChecklist(reservation.houseId, { enabled: reservation.status === 'confirmed' });
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState<Confirmation | null>(null);
  const next = reservationStatusSteps[reservation.status];
  const undo = reservationStatusUndo[reservation.status];
  if (next.length === 0 && !undo) return null;

  const change = (status: ReservationStatus) =>
    // A refusal stays in the open dialog, beside the button that was pressed.
    update.mutate({ reservation, change: { status } }, { onSuccess: () => setConfirming(null) });

  /** A check-in before the arrival date or into a house not ready is asked twice, saying why. */
  async function checkIn() {
    const house = (await checklist.refetch()).data;
    const early = today < reservation.checkIn ? reservation.checkIn : null;
    const notReady =
      house && house.round !== null && !house.ready ? { done: house.done, total: house.total } : null;
    if (early || notReady) setConfirming({ kind: 'checkIn', early, notReady });
    else change('checked_in');
  }

  const longDate = (date: string) =>
    formatDate(date, i18n.resolvedLanguage, {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    });

  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t('reservations.actions')}
        </Title>
        {update.isError && !confirming && (
          <Alert color="red" role="alert">
            {errorSummary(t, update.error)}
          </Alert>
        )}
        <Group gap="xs">
          {next
            .filter((status) => status !== 'cancelled')
            .map((status) => (
              <Button
                key={status}
                loading={
                  (update.isPending && update.variables?.change.status === status) ||
                  (status === 'checked_in' && checklist.isFetching)
                }
                onClick={() => (status === 'checked_in' ? checkIn() : change(status))}
              >
                {t(`reservations.to.${status}`)}
              </Button>
            ))}
          {undo && (
            <Button variant="default" onClick={() => setConfirming({ kind: 'undo', status: undo })}>
              {t(`reservations.undo.${reservation.status}.action`)}
            </Button>
          )}
          {next.includes('cancelled') && (
            <Button color="red" variant="light" onClick={() => setCancelling(true)}>
              {t('reservations.to.cancelled')}
            </Button>
          )}
        </Group>
      </Stack>
      <Modal
        opened={confirming !== null}
        onClose={() => setConfirming(null)}
        title={
          confirming?.kind === 'undo'
            ? t(`reservations.undo.${reservation.status}.title`)
            : t('reservations.checkInConfirm.title')
        }
      >
        <Stack gap="sm">
          {update.isError && (
            <Alert color="red" role="alert">
              {errorSummary(t, update.error)}
            </Alert>
          )}
          {confirming?.kind === 'checkIn' && (
            <List spacing={4} size="sm">
              {confirming.early && (
                <List.Item>
                  {t('reservations.checkInConfirm.early', { date: longDate(confirming.early) })}
                </List.Item>
              )}
              {confirming.notReady && (
                <List.Item>{t('reservations.checkInConfirm.notReady', confirming.notReady)}</List.Item>
              )}
            </List>
          )}
          <Text size="sm">
            {confirming?.kind === 'undo'
              ? t(`reservations.undo.${reservation.status}.body`)
              : confirming?.notReady
                ? t('reservations.checkInConfirm.skipsRound')
                : t('reservations.checkInConfirm.body')}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(null)}>
              {t('common.back')}
            </Button>
            <Button
              color={confirming?.kind === 'undo' ? 'orange' : undefined}
              loading={update.isPending}
              onClick={() =>
                confirming && change(confirming.kind === 'undo' ? confirming.status : 'checked_in')
              }
            >
              {confirming?.kind === 'undo'
                ? t(`reservations.undo.${reservation.status}.confirm`)
                : t('reservations.checkInConfirm.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
      <Modal opened={cancelling} onClose={() => setCancelling(false)} title={t('reservations.cancelTitle')}>
        <Stack gap="sm">
          <Text size="sm">{t('reservations.cancelBody')}</Text>
          <Textarea
            label={t('reservations.cancellationReason')}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            autosize
            minRows={2}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setCancelling(false)}>
              {t('common.back')}
            </Button>
            <Button
              color="red"
              loading={update.isPending}
              onClick={() =>
                update.mutate(
                  { reservation, change: { status: 'cancelled', cancellationReason: reason.trim() || null } },
                  { onSettled: () => setCancelling(false) },
                )
              }
            >
              {t('reservations.confirmCancel')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}

const HIDDEN_FIELDS = new Set(['version', 'updatedAt', 'createdAt', 'id', 'cancelledAt']);

/** Status moves that go back a step: a check-in or check-out undone as a correction. */
const UNDONE_MOVES = new Set(['checked_in>confirmed', 'checked_out>checked_in']);

/**
 * The title of a history entry. The audit log records any status move as `status`;
 * a cancellation and an undone step say what they were (roles that see no fields
 * get "Status changed").
 */
function historyTitleKey(action: string, before: Record<string, unknown>, after: Record<string, unknown>) {
  if (action !== 'status') return action;
  if (after.status === 'cancelled') return 'cancel';
  if (UNDONE_MOVES.has(`${before.status}>${after.status}`)) return 'undo';
  return action;
}

function History({ reservationId }: { reservationId: string }) {
  const { t, i18n } = useTranslation();
  const history = useReservationHistory(reservationId);
  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t('reservations.history')}
        </Title>
        {history.isPending ? (
          <LoadingState />
        ) : history.isError ? (
          <ErrorState onRetry={() => history.refetch()} />
        ) : (
          <Timeline bulletSize={12} lineWidth={2}>
            {history.data.map((entry) => {
              // Entries hold whole snapshots; a change shows the fields that differ (a creation shows none).
              const before = (entry.before ?? {}) as Record<string, unknown>;
              const after = (entry.after ?? {}) as Record<string, unknown>;
              const fields =
                entry.before && entry.after
                  ? Object.keys(after).filter(
                      (field) =>
                        !HIDDEN_FIELDS.has(field) &&
                        JSON.stringify(before[field]) !== JSON.stringify(after[field]),
                    )
                  : [];
              return (
                <Timeline.Item
                  key={entry.id}
                  title={t(`reservations.historyAction.${historyTitleKey(entry.action, before, after)}`, {
                    defaultValue: entry.action,
                  })}
                >
                  <Text size="xs" c="dimmed">
                    {new Date(entry.at).toLocaleString(i18n.resolvedLanguage)} ·{' '}
                    {entry.actorName ?? t('reservations.system')}
                  </Text>
                  {fields.map((field) => {
                    const shown = (value: unknown) =>
                      value === null || value === undefined
                        ? '—'
                        : field === 'status'
                          ? t(`reservations.status.${value}`)
                          : String(value);
                    return (
                      <Text size="xs" key={field}>
                        {t(`reservations.fields.${field}`, { defaultValue: field })}: {shown(before[field])} →{' '}
                        {shown(after[field])}
                      </Text>
                    );
                  })}
                </Timeline.Item>
              );
            })}
          </Timeline>
        )}
      </Stack>
    </Card>
  );
}
