import {
  Button,
  Card,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { errorSummary, hasFieldErrors, translatedFieldErrors } from '../../lib/form-errors.ts';
import { useToday } from '../../lib/organization.ts';
import { addMonths, monthTitle } from '../analytics/metrics.ts';
import { usePercent } from '../finance/TouristTaxCard.tsx';
import { useFinanceAccess } from '../finance/use-finance.ts';
import { useAddOwnerContract, useOwnerContracts, useRemoveOwnerContract } from './use-statements.ts';

const RATE = /^\d{1,3}([.,]\d{1,2})?$/;

/** A rate typed as people type it ("20", "12,5"), checked: a percentage from 0 to 100 with two decimals at most. */
function rateError(value: string, message: string): string | null {
  const trimmed = value.trim();
  if (!RATE.test(trimmed)) return message;
  return Number(trimmed.replace(',', '.')) > 100 ? message : null;
}

/**
 * The owner's contract of a house: the manager's commission, a percentage
 * of accommodation and/or of all income, from a month on. A change is a new
 * contract from a later month, so a closed month's statement never changes.
 */
export function OwnerContractsCard({ houseId, houseName }: { houseId: string; houseName: string }) {
  const { t, i18n } = useTranslation();
  const access = useFinanceAccess();
  const percent = usePercent();
  const headingId = useId();
  const contracts = useOwnerContracts(houseId, access.read);
  const remove = useRemoveOwnerContract();
  const [adding, setAdding] = useState(false);
  if (!access.read) return null;
  const monthLabel = (month: string) => monthTitle(month, i18n.resolvedLanguage);

  return (
    <Card withBorder padding="md" component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Stack gap={2}>
            <Title order={3} size="h5" id={headingId}>
              {t('contracts.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('contracts.hint')}
            </Text>
          </Stack>
          {access.write && (
            <Button size="xs" variant="light" onClick={() => setAdding(true)}>
              {t('contracts.add')}
            </Button>
          )}
        </Group>
        {contracts.isPending ? (
          <LoadingState />
        ) : contracts.isError ? (
          <ErrorState message={errorSummary(t, contracts.error)} onRetry={() => contracts.refetch()} />
        ) : contracts.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('contracts.none')}
          </Text>
        ) : (
          <Table fz="sm" verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('contracts.effectiveFrom')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('contracts.accommodationRate')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('contracts.incomeRate')}
                </Table.Th>
                {access.write && (
                  <Table.Th scope="col">
                    <VisuallyHidden>{t('contracts.actions')}</VisuallyHidden>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {contracts.data.map((contract) => (
                <Table.Tr key={contract.id}>
                  <Table.Th scope="row" fw={400}>
                    {monthLabel(contract.effectiveFrom)}
                    {contract.note && (
                      <Text size="xs" c="dimmed">
                        {contract.note}
                      </Text>
                    )}
                  </Table.Th>
                  <Table.Td ta="right">{percent(contract.accommodationRate)}</Table.Td>
                  <Table.Td ta="right">{percent(contract.incomeRate)}</Table.Td>
                  {access.write && (
                    <Table.Td ta="right">
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        color="red"
                        aria-label={t('contracts.remove', { month: monthLabel(contract.effectiveFrom) })}
                        loading={remove.isPending && remove.variables === contract.id}
                        onClick={() =>
                          remove.mutate(contract.id, {
                            onError: (error) =>
                              notifications.show({ color: 'red', message: errorSummary(t, error) }),
                          })
                        }
                      >
                        {t('contracts.removeShort')}
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
      <Modal
        opened={adding}
        onClose={() => setAdding(false)}
        title={t('contracts.addTitle', { house: houseName })}
      >
        <ContractForm houseId={houseId} onDone={() => setAdding(false)} monthLabel={monthLabel} />
      </Modal>
    </Card>
  );
}

function ContractForm({
  houseId,
  onDone,
  monthLabel,
}: {
  houseId: string;
  onDone: () => void;
  monthLabel: (month: string) => string;
}) {
  const { t } = useTranslation();
  const today = useToday();
  const add = useAddOwnerContract(houseId);
  const thisMonth = today.slice(0, 7);
  const months = Array.from({ length: 25 }, (_, index) => addMonths(thisMonth, 12 - index));
  const form = useForm({
    initialValues: { effectiveFrom: thisMonth, accommodationRate: '20', incomeRate: '0', note: '' },
    validate: {
      accommodationRate: (value) => rateError(value, t('contracts.rateError')),
      incomeRate: (value) => rateError(value, t('contracts.rateError')),
    },
  });
  const submit = form.onSubmit(async (values) => {
    try {
      await add.mutateAsync({
        effectiveFrom: values.effectiveFrom,
        accommodationRate: values.accommodationRate.trim().replace(',', '.'),
        incomeRate: values.incomeRate.trim().replace(',', '.'),
        ...(values.note.trim() ? { note: values.note.trim() } : {}),
      });
      onDone();
    } catch (error) {
      if (hasFieldErrors(error)) form.setErrors(translatedFieldErrors(t, error));
      else form.setFieldError('effectiveFrom', errorSummary(t, error));
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Select
          label={t('contracts.effectiveFrom')}
          data={months.map((value) => ({ value, label: monthLabel(value) }))}
          allowDeselect={false}
          {...form.getInputProps('effectiveFrom')}
        />
        <SimpleGrid cols={2} spacing="sm">
          <TextInput
            label={t('contracts.accommodationRate')}
            inputMode="decimal"
            rightSection="%"
            required
            {...form.getInputProps('accommodationRate')}
          />
          <TextInput
            label={t('contracts.incomeRate')}
            inputMode="decimal"
            rightSection="%"
            required
            {...form.getInputProps('incomeRate')}
          />
        </SimpleGrid>
        <TextInput label={t('contracts.note')} {...form.getInputProps('note')} />
        <Group justify="flex-end">
          <Button type="submit" loading={add.isPending}>
            {t('contracts.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
