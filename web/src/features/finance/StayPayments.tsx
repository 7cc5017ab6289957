import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { newIdempotencyKey, type Schemas } from '../../lib/api/client.ts';
import { paymentKindValues, paymentMethodValues } from '../../lib/api/schema.gen.ts';
import { formatDate } from '../../lib/dates.ts';
import { errorSummary, hasFieldErrors, translatedFieldErrors } from '../../lib/form-errors.ts';
import { toCents } from '../../lib/money.ts';
import { useMoney, useToday } from '../../lib/organization.ts';
import { dateRule } from '../../lib/validation.ts';
import { centsOf, type PaymentKind, type PaymentList, suggestedPayment } from './ledger.ts';
import { StayTouristTaxSection } from './StayTouristTax.tsx';
import { useFinanceAccess, usePayments, useRecordPayment } from './use-finance.ts';

type PaymentMethod = Schemas['PaymentMethod'];

/** Kinds that give money back: shown with a minus. */
const OUTGOING: readonly PaymentKind[] = ['refund', 'deposit_return'];

/**
 * The money of a stay, for those who see money: its price, what was paid,
 * the balance due and the deposit held, every payment, the tourist tax when
 * the house has one, and for managers "record a payment", prefilled with the
 * balance due so that two clicks record it. Owners read; staff never get here.
 */
export function StayPayments({
  reservationId,
  guestName,
  cancelled,
  known,
}: {
  reservationId: string;
  guestName: string;
  cancelled: boolean;
  /** The stay's own amounts, when its answer carries them: shown while the payments load. */
  known?: Pick<PaymentList, 'totalPrice' | 'advancePaid' | 'balanceDue'>;
}) {
  const { t, i18n } = useTranslation();
  const access = useFinanceAccess();
  const money = useMoney();
  const phone = useMediaQuery('(max-width: 36em)');
  const payments = usePayments(reservationId, { enabled: access.read });
  const [recording, setRecording] = useState(false);
  if (!access.read) return null;

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="stay-payments">
      <Stack gap="xs">
        <Group justify="space-between" gap="xs">
          <Title order={3} size="h5" id="stay-payments">
            {t('finance.payments.title')}
          </Title>
          {access.write && !cancelled && payments.isSuccess && (
            <Button size="xs" onClick={() => setRecording(true)}>
              {t('finance.payments.record')}
            </Button>
          )}
        </Group>
        {payments.isError ? (
          <ErrorState message={errorSummary(t, payments.error)} onRetry={() => payments.refetch()} />
        ) : (
          <>
            {payments.data ? (
              <Figures payments={payments.data} />
            ) : known ? (
              <Figures payments={{ ...known, depositHeld: null }} />
            ) : null}
            {cancelled && (
              <Text size="xs" c="dimmed">
                {t('finance.payments.cancelledHint')}
              </Text>
            )}
            {payments.isPending ? (
              <LoadingState />
            ) : payments.data.items.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('finance.payments.none')}
              </Text>
            ) : (
              <Stack
                gap={4}
                component="ul"
                aria-label={t('finance.payments.listLabel')}
                style={{ listStyle: 'none', margin: 0, padding: 0 }}
              >
                {payments.data.items.map((payment) => (
                  <Group
                    key={payment.id}
                    component="li"
                    justify="space-between"
                    wrap="nowrap"
                    gap="xs"
                    align="flex-start"
                    py={4}
                    style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}
                  >
                    <Stack gap={0} miw={0}>
                      <Text size="sm" fw={500}>
                        {t(`finance.payments.kind.${payment.kind}`)}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {formatDate(payment.date, i18n.resolvedLanguage, {
                          day: 'numeric',
                          month: 'short',
                          year: 'numeric',
                        })}
                        {payment.method ? ` · ${t(`finance.payments.method.${payment.method}`)}` : ''}
                        {payment.createdByName ? ` · ${payment.createdByName}` : ''}
                      </Text>
                      {payment.note && (
                        <Text size="xs" style={{ overflowWrap: 'anywhere' }}>
                          {payment.note}
                        </Text>
                      )}
                    </Stack>
                    <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
                      {OUTGOING.includes(payment.kind) ? '−' : ''}
                      {money(payment.amount)}
                    </Text>
                  </Group>
                ))}
              </Stack>
            )}
            {payments.data?.touristTax && (
              <StayTouristTaxSection
                reservationId={reservationId}
                guestName={guestName}
                tax={payments.data.touristTax}
                cancelled={cancelled}
              />
            )}
            <Anchor component={Link} to={`/finance?period=all&stay=${reservationId}`} size="xs">
              {t('finance.payments.ledgerLink')}
            </Anchor>
          </>
        )}
      </Stack>
      <Modal
        opened={recording}
        onClose={() => setRecording(false)}
        title={t('finance.payments.recordTitle', { guest: guestName })}
        fullScreen={phone}
      >
        {recording && payments.data && (
          <PaymentForm
            reservationId={reservationId}
            payments={payments.data}
            onDone={() => setRecording(false)}
          />
        )}
      </Modal>
    </Card>
  );
}

function Figures({
  payments,
}: {
  payments: Pick<PaymentList, 'totalPrice' | 'advancePaid' | 'balanceDue'> & { depositHeld: string | null };
}) {
  const { t } = useTranslation();
  const money = useMoney();
  const settled = centsOf(payments.balanceDue) <= 0;
  return (
    <Stack gap={6}>
      <Row label={t('finance.payments.totalPrice')}>{money(payments.totalPrice)}</Row>
      <Row label={t('finance.payments.paid')}>{money(payments.advancePaid)}</Row>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="sm" fw={600}>
          {t('finance.payments.balanceDue')}
        </Text>
        <Badge
          color={settled ? 'teal' : 'orange'}
          variant="light"
          size="lg"
          data-balance-due={payments.balanceDue}
        >
          {settled ? t('finance.payments.settled') : money(payments.balanceDue)}
        </Badge>
      </Group>
      <Row label={t('finance.payments.depositHeld')}>{money(payments.depositHeld)}</Row>
    </Stack>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group justify="space-between" gap="xs" wrap="nowrap">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="sm" ta="right">
        {children}
      </Text>
    </Group>
  );
}

interface Values {
  date: string;
  amount: string;
  kind: PaymentKind;
  method: PaymentMethod | null;
  note: string;
}

/**
 * A payment of the stay: today, the balance due, as an advance (nothing paid
 * yet) or the balance, unless changed. The limits the server checks (no more
 * than due, paid or held) show next to the amount.
 */
function PaymentForm({
  reservationId,
  payments,
  onDone,
}: {
  reservationId: string;
  payments: PaymentList;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const today = useToday();
  const money = useMoney();
  const record = useRecordPayment(reservationId);
  const [idempotencyKey] = useState(newIdempotencyKey);
  const suggested = suggestedPayment(payments);
  const form = useForm<Values>({
    initialValues: { date: today, amount: suggested.amount, kind: suggested.kind, method: null, note: '' },
    validate: {
      date: dateRule(t),
      amount: (value) => {
        if (value.trim() === '') return t('errors.required');
        const cents = toCents(value);
        return cents === null || cents <= 0 ? t('errors.invalid-amount') : null;
      },
    },
  });
  /** What the amount may be at most, for the kind chosen, said under the field. */
  const limit: Record<PaymentKind, string | null> = {
    advance: t('finance.payments.limitDue', { amount: money(payments.balanceDue) }),
    balance: t('finance.payments.limitDue', { amount: money(payments.balanceDue) }),
    refund: t('finance.payments.limitPaid', { amount: money(payments.advancePaid) }),
    deposit: null,
    deposit_return: t('finance.payments.limitHeld', { amount: money(payments.depositHeld) }),
    deposit_kept: t('finance.payments.limitHeld', { amount: money(payments.depositHeld) }),
  };

  const submit = form.onSubmit(async (values) => {
    try {
      await record.mutateAsync({
        idempotencyKey,
        body: {
          date: values.date,
          amount: values.amount.trim().replace(',', '.'),
          kind: values.kind,
          ...(values.method ? { method: values.method } : {}),
          ...(values.note.trim() ? { note: values.note.trim() } : {}),
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
        {record.isError && !hasFieldErrors(record.error) && (
          <Alert color="red" role="alert">
            {errorSummary(t, record.error)}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <Select
            label={t('finance.payments.fields.kind')}
            data={paymentKindValues.map((kind) => ({
              value: kind,
              label: t(`finance.payments.kind.${kind}`),
            }))}
            allowDeselect={false}
            {...form.getInputProps('kind')}
          />
          <TextInput
            label={t('finance.payments.fields.amount')}
            inputMode="decimal"
            required
            description={limit[form.values.kind] ?? undefined}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            {...form.getInputProps('amount')}
          />
          <TextInput
            label={t('finance.payments.fields.date')}
            type="date"
            required
            {...form.getInputProps('date')}
          />
          <Select
            label={t('finance.payments.fields.method')}
            placeholder={t('finance.payments.noMethod')}
            data={paymentMethodValues.map((method) => ({
              value: method,
              label: t(`finance.payments.method.${method}`),
            }))}
            clearable
            {...form.getInputProps('method')}
          />
        </SimpleGrid>
        <Textarea
          label={t('finance.payments.fields.note')}
          autosize
          minRows={1}
          maxLength={1000}
          {...form.getInputProps('note')}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={record.isPending} data-autofocus>
            {t('finance.payments.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
