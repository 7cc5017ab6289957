import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Timeline,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { Attachments } from '../../components/Attachments.tsx';
import { FailureAlert } from '../../components/FailureAlert.tsx';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { newIdempotencyKey } from '../../lib/api/client.ts';
import { formatDate, formatInstant } from '../../lib/dates.ts';
import { errorSummary, hasFieldErrors, translatedFieldErrors } from '../../lib/form-errors.ts';
import { useMoney, useToday } from '../../lib/organization.ts';
import { dateRule, requiredRule } from '../../lib/validation.ts';
import { amountColor, EntryAmount, EntryBadges, useHouseName, useSignedMoney } from './EntryBits.tsx';
import { EntryForm } from './EntryForm.tsx';
import { adjustmentDelta, amountOf, centsOf, correctedCents } from './ledger.ts';
import {
  type LedgerEntryDetail,
  useAdjustEntry,
  useDeleteEntry,
  useFinanceAccess,
  useLedgerEntry,
  useLedgerHistory,
} from './use-finance.ts';

/** One ledger entry: what and where, the adjustments that correct it, its receipts and its history. */
export function EntryPage() {
  const { entryId = '' } = useParams();
  const { t } = useTranslation();
  const entry = useLedgerEntry(entryId);
  if (entry.isPending) return <LoadingState />;
  if (entry.isError)
    return (
      <Stack gap="sm">
        <Anchor component={Link} to="/finance" size="sm">
          ← {t('finance.ledger')}
        </Anchor>
        <ErrorState message={errorSummary(t, entry.error)} onRetry={() => entry.refetch()} />
      </Stack>
    );
  return <Entry entry={entry.data} />;
}

function Entry({ entry }: { entry: LedgerEntryDetail }) {
  const { t, i18n } = useTranslation();
  const access = useFinanceAccess();
  const houseName = useHouseName();
  const navigate = useNavigate();
  const location = useLocation();
  const phone = useMediaQuery('(max-width: 36em)');
  const remove = useDeleteEntry();
  const [dialog, setDialog] = useState<'edit' | 'delete' | 'adjust' | null>(null);
  const language = i18n.resolvedLanguage;
  const receiptError = (location.state as { receiptError?: string } | null)?.receiptError;
  const isAdjustment = entry.adjustsEntryId !== null;
  const longDate = (date: string) =>
    formatDate(date, language, { weekday: 'short', day: 'numeric', month: 'long', year: 'numeric' });

  return (
    <Stack gap="lg" maw={960}>
      <Stack gap={4}>
        <Anchor component={Link} to="/finance" size="sm">
          ← {t('finance.ledger')}
        </Anchor>
        <Group justify="space-between" align="flex-start" gap="sm">
          <Title order={2} style={{ overflowWrap: 'anywhere' }}>
            {entry.description}
          </Title>
          {access.write && (
            <Group gap="xs">
              {entry.system ? (
                !isAdjustment && (
                  <Button onClick={() => setDialog('adjust')}>{t('finance.entry.adjust')}</Button>
                )
              ) : (
                <>
                  <Button variant="default" onClick={() => setDialog('edit')}>
                    {t('common.edit')}
                  </Button>
                  <Button variant="light" color="red" onClick={() => setDialog('delete')}>
                    {t('finance.entry.delete')}
                  </Button>
                </>
              )}
            </Group>
          )}
        </Group>
        <Group gap="xs">
          <EntryAmount entry={entry} size="lg" />
          <Badge variant="outline" color="gray">
            {t(`finance.type.${entry.type}`)}
          </Badge>
          <EntryBadges entry={entry} />
        </Group>
      </Stack>

      <FailureAlert>
        {receiptError ? t('finance.form.receiptFailed', { reason: receiptError }) : null}
      </FailureAlert>
      {entry.system && (
        <Alert color="gray" variant="light">
          {isAdjustment ? (
            <>
              {t('finance.entry.adjustmentHint')}{' '}
              <Anchor component={Link} to={`/finance/entries/${entry.adjustsEntryId}`} size="sm">
                {t('finance.entry.openCorrected')}
              </Anchor>
            </>
          ) : access.write ? (
            t('finance.entry.systemHint')
          ) : (
            t('finance.entry.systemHintReader')
          )}
        </Alert>
      )}

      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <Card withBorder padding="md" component="section" aria-labelledby="entry-details">
          <Stack gap="xs">
            <Title order={3} size="h5" id="entry-details">
              {t('finance.entry.details')}
            </Title>
            <Row label={t('finance.fields.date')}>{longDate(entry.date)}</Row>
            <Row label={t('finance.fields.house')}>
              {entry.houseId ? (
                <Anchor component={Link} to={`/houses/${entry.houseId}`} size="sm">
                  {houseName(entry.houseId)}
                </Anchor>
              ) : (
                houseName(null)
              )}
            </Row>
            <Row label={t('finance.fields.category')}>{t(`finance.category.${entry.category}`)}</Row>
            <Row label={t('finance.fields.origin')}>{t(`finance.origin.${entry.origin}`)}</Row>
            {entry.reservationId && (
              <Row label={t('finance.entry.stay')}>
                <Anchor component={Link} to={`/reservations/${entry.reservationId}`} size="sm">
                  {t('finance.entry.openStay')}
                </Anchor>
              </Row>
            )}
            {entry.maintenanceIssueId && (
              <Row label={t('finance.entry.workOrder')}>
                <Anchor component={Link} to={`/maintenance/${entry.maintenanceIssueId}`} size="sm">
                  {t('finance.entry.openWorkOrder')}
                </Anchor>
              </Row>
            )}
            <Row label={t('finance.entry.recorded')}>{formatInstant(entry.createdAt, language)}</Row>
          </Stack>
        </Card>
        {/* A system entry is corrected by adjustments; one typed by hand is edited, and shows any it has. */}
        {((entry.system && !isAdjustment) || entry.adjustments.length > 0) && <Adjustments entry={entry} />}
      </SimpleGrid>

      <Attachments
        owner={{ type: 'ledger', id: entry.id }}
        title={t('finance.entry.receipts')}
        emptyText={t('finance.entry.noReceipts')}
        uploads={
          access.write
            ? [
                {
                  label: t('finance.entry.addReceipt'),
                  accept: 'image/*,application/pdf',
                  kind: 'receipt',
                  multiple: true,
                  shrink: true,
                },
              ]
            : []
        }
        canDelete={() => access.write}
      />

      <EntryHistory entryId={entry.id} />

      <Modal
        opened={dialog === 'edit'}
        onClose={() => setDialog(null)}
        title={t('finance.entry.editTitle')}
        size="lg"
        fullScreen={phone}
      >
        {dialog === 'edit' && <EntryForm entry={entry} onDone={() => setDialog(null)} />}
      </Modal>
      <Modal
        opened={dialog === 'adjust'}
        onClose={() => setDialog(null)}
        title={t('finance.adjust.title', { description: entry.description })}
        fullScreen={phone}
      >
        {dialog === 'adjust' && <AdjustmentForm entry={entry} onDone={() => setDialog(null)} />}
      </Modal>
      <Modal
        opened={dialog === 'delete'}
        onClose={() => setDialog(null)}
        title={t('finance.entry.deleteTitle')}
      >
        <Stack gap="sm">
          <Text size="sm">{t('finance.entry.deleteBody')}</Text>
          <FailureAlert>{remove.isError ? errorSummary(t, remove.error) : null}</FailureAlert>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDialog(null)}>
              {t('common.back')}
            </Button>
            <Button
              color="red"
              loading={remove.isPending}
              onClick={() =>
                remove.mutate(entry, { onSuccess: () => navigate('/finance', { replace: true }) })
              }
            >
              {t('finance.entry.deleteConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
      <Text size="sm" c="dimmed" style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text size="sm" ta="right" component="div" style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </Group>
  );
}

/** The entries that correct this one, each with what it adds or takes away, and the amount they make. */
function Adjustments({ entry }: { entry: LedgerEntryDetail }) {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  const signed = useSignedMoney();
  const corrected = correctedCents(entry);
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="entry-adjustments">
      <Stack gap="xs">
        <Title order={3} size="h5" id="entry-adjustments">
          {t('finance.entry.adjustments')}
        </Title>
        {entry.adjustments.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('finance.entry.noAdjustments')}
          </Text>
        ) : (
          <Stack gap={6} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {entry.adjustments.map((adjustment) => {
              const delta = adjustmentDelta(entry, adjustment);
              return (
                <Group
                  key={adjustment.id}
                  component="li"
                  justify="space-between"
                  wrap="nowrap"
                  gap="xs"
                  align="flex-start"
                >
                  <Stack gap={0} miw={0}>
                    <Anchor
                      component={Link}
                      to={`/finance/entries/${adjustment.id}`}
                      size="sm"
                      style={{ overflowWrap: 'anywhere' }}
                    >
                      {adjustment.description}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {formatDate(adjustment.date, i18n.resolvedLanguage, {
                        day: 'numeric',
                        month: 'short',
                        year: 'numeric',
                      })}
                    </Text>
                  </Stack>
                  <Text size="sm" fw={600} c={amountColor(delta)} style={{ whiteSpace: 'nowrap' }}>
                    {signed(delta)}
                  </Text>
                </Group>
              );
            })}
          </Stack>
        )}
        <Group justify="space-between" pt={4} style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
          <Text size="sm" fw={700}>
            {t('finance.entry.corrected')}
          </Text>
          <Text size="sm" fw={700}>
            {money(amountOf(corrected))}
          </Text>
        </Group>
      </Stack>
    </Card>
  );
}

const SIGNED_AMOUNT = /^-?\d{1,12}([.,]\d{1,2})?$/;

/**
 * A correction of an entry the system posted: what to add in its direction
 * (negative to take away), why, and the day it is booked on (today unless told).
 */
function AdjustmentForm({ entry, onDone }: { entry: LedgerEntryDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const today = useToday();
  const money = useMoney();
  const adjust = useAdjustEntry();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const form = useForm({
    initialValues: { amount: '', description: '', date: today },
    validate: {
      amount: (value) =>
        SIGNED_AMOUNT.test(value.trim()) && Number(value.trim().replace(',', '.')) !== 0
          ? null
          : t('errors.invalid-amount'),
      description: requiredRule(t),
      date: dateRule(t),
    },
  });
  const typed = form.values.amount.trim().replace(',', '.');
  const delta = SIGNED_AMOUNT.test(typed) ? centsOf(typed) : null;
  const now = correctedCents(entry);
  const submit = form.onSubmit(async (values) => {
    try {
      await adjust.mutateAsync({
        entry,
        idempotencyKey,
        body: {
          amount: values.amount.trim().replace(',', '.'),
          description: values.description.trim(),
          date: values.date,
        },
      });
      onDone();
    } catch (error) {
      form.setErrors(translatedFieldErrors(t, error));
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {adjust.isError && !hasFieldErrors(adjust.error) && (
          <Alert color="red" role="alert">
            {errorSummary(t, adjust.error)}
          </Alert>
        )}
        <TextInput
          label={t('finance.adjust.amount')}
          description={t('finance.adjust.amountHint', {
            amount: money(amountOf(now)),
            type: t(`finance.type.${entry.type}`).toLowerCase(),
          })}
          inputMode="text"
          required
          data-autofocus
          {...form.getInputProps('amount')}
        />
        {delta !== null && delta !== 0 && (
          <Text size="sm" aria-live="polite">
            {t('finance.adjust.preview', { amount: money(amountOf(now + delta)) })}
          </Text>
        )}
        <TextInput
          label={t('finance.adjust.description')}
          required
          maxLength={500}
          {...form.getInputProps('description')}
        />
        <TextInput
          label={t('finance.fields.date')}
          description={t('finance.adjust.dateHint')}
          type="date"
          required
          {...form.getInputProps('date')}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={adjust.isPending}>
            {t('finance.adjust.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The snapshot fields of a change, in the order people read an entry. */
const HISTORY_FIELDS = ['date', 'houseId', 'type', 'category', 'description', 'amount'] as const;

/** Who entered or changed the entry, when, and what each change did. */
function EntryHistory({ entryId }: { entryId: string }) {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  const houseName = useHouseName();
  const history = useLedgerHistory(entryId);
  const language = i18n.resolvedLanguage;
  const shown = (field: (typeof HISTORY_FIELDS)[number], value: unknown): string => {
    if (value === undefined || value === '') return '—';
    switch (field) {
      case 'houseId':
        return houseName(value as string | null);
      case 'type':
        return t(`finance.type.${value}`);
      case 'category':
        return t(`finance.category.${value}`);
      case 'amount':
        return money(String(value));
      case 'date':
        return formatDate(String(value), language, { day: 'numeric', month: 'short', year: 'numeric' });
      default:
        return value === null ? '—' : String(value);
    }
  };
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="entry-history">
      <Stack gap="sm">
        <Title order={3} size="h5" id="entry-history">
          {t('finance.entry.history')}
        </Title>
        {history.isPending ? (
          <LoadingState />
        ) : history.isError ? (
          <ErrorState message={errorSummary(t, history.error)} onRetry={() => history.refetch()} />
        ) : history.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('finance.entry.noHistory')}
          </Text>
        ) : (
          <Timeline bulletSize={12} lineWidth={2}>
            {history.data.map((item) => {
              const before = (item.before ?? {}) as Record<string, unknown>;
              const after = (item.after ?? {}) as Record<string, unknown>;
              const fields =
                item.before && item.after
                  ? HISTORY_FIELDS.filter(
                      (field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]),
                    )
                  : [];
              return (
                <Timeline.Item
                  key={item.id}
                  title={t(`finance.history.${item.action}`, { defaultValue: item.action })}
                >
                  <Text size="xs" c="dimmed">
                    <time dateTime={item.at}>{formatInstant(item.at, language)}</time> ·{' '}
                    {item.actorName ?? t('finance.history.system')}
                  </Text>
                  {fields.map((field) => (
                    <Text size="sm" key={field} style={{ overflowWrap: 'anywhere' }}>
                      <Text span fw={600} size="sm">
                        {t(`finance.fields.${field === 'houseId' ? 'house' : field}`)}
                      </Text>
                      : {shown(field, before[field])} → {shown(field, after[field])}
                    </Text>
                  ))}
                </Timeline.Item>
              );
            })}
          </Timeline>
        )}
      </Stack>
    </Card>
  );
}
