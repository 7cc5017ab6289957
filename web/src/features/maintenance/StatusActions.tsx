import { Alert, Button, Group, Modal, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FailureAlert } from '../../components/FailureAlert.tsx';
import { errorSummary, hasFieldErrors, translatedFieldErrors } from '../../lib/form-errors.ts';
import { toCents } from '../../lib/money.ts';
import { optionalAmountRule } from '../../lib/validation.ts';
import { useAuth } from '../auth/AuthProvider.tsx';
import {
  hasCosts,
  type Issue,
  type IssueStatus,
  isVersionMismatch,
  STATUS_STEPS,
  useUpdateIssue,
} from './use-maintenance.ts';

/** The label of the button that moves a work order to `status` from where it is. */
const actionKey = (from: IssueStatus, to: IssueStatus) =>
  to === 'in_progress' && from === 'on_hold' ? 'maintenance.actions.resume' : `maintenance.actions.${to}`;

/**
 * The steps a work order may take from its status, as buttons. Staff move
 * their work along (start, hold, resume, resolve with a note); managers also
 * cancel, and give the costs when resolving. Owners only read.
 */
export function StatusActions({ issue }: { issue: Issue }) {
  const { t } = useTranslation();
  const role = useAuth().organization?.role;
  const update = useUpdateIssue();
  const [dialog, setDialog] = useState<'resolved' | 'cancelled' | null>(null);
  const manager = role === 'admin' || role === 'manager';
  const steps = STATUS_STEPS[issue.status].filter(
    (status) => role !== 'owner' && (status !== 'cancelled' || manager),
  );
  if (steps.length === 0) return null;

  const move = (status: IssueStatus) => update.mutate({ issue, change: { status } });

  return (
    <Stack gap="xs">
      {update.isError && dialog === null && (
        <Alert color={isVersionMismatch(update.error) ? 'yellow' : 'red'} role="alert">
          {isVersionMismatch(update.error) ? t('maintenance.reloaded') : errorSummary(t, update.error)}
        </Alert>
      )}
      <Group gap="xs">
        {steps.map((status) =>
          status === 'resolved' || status === 'cancelled' ? (
            <Button
              key={status}
              color={status === 'cancelled' ? 'red' : 'teal'}
              variant={status === 'cancelled' ? 'light' : 'filled'}
              onClick={() => {
                update.reset();
                setDialog(status);
              }}
            >
              {t(actionKey(issue.status, status))}
            </Button>
          ) : (
            <Button
              key={status}
              variant={status === 'on_hold' ? 'default' : 'filled'}
              loading={update.isPending && update.variables?.change.status === status}
              onClick={() => move(status)}
            >
              {t(actionKey(issue.status, status))}
            </Button>
          ),
        )}
      </Group>
      <Modal
        opened={dialog === 'resolved'}
        onClose={() => setDialog(null)}
        title={t('maintenance.resolve.title')}
      >
        {dialog === 'resolved' && (
          <ResolveForm issue={issue} withCosts={manager} onDone={() => setDialog(null)} />
        )}
      </Modal>
      <Modal
        opened={dialog === 'cancelled'}
        onClose={() => setDialog(null)}
        title={t('maintenance.cancel.title')}
      >
        <Stack gap="sm">
          <Text size="sm">
            {issue.block ? t('maintenance.cancel.bodyWithBlock') : t('maintenance.cancel.body')}
          </Text>
          <FailureAlert>
            {update.isError
              ? isVersionMismatch(update.error)
                ? t('maintenance.reloaded')
                : errorSummary(t, update.error)
              : null}
          </FailureAlert>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDialog(null)}>
              {t('common.back')}
            </Button>
            <Button
              color="red"
              loading={update.isPending}
              onClick={() =>
                update.mutate(
                  { issue, change: { status: 'cancelled' } },
                  { onSuccess: () => setDialog(null) },
                )
              }
            >
              {t('maintenance.cancel.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

/** Resolving: what was done (a note), and for managers what it cost, posted to the ledger. */
function ResolveForm({ issue, withCosts, onDone }: { issue: Issue; withCosts: boolean; onDone: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateIssue();
  const phone = useMediaQuery('(max-width: 36em)');
  const known = (value: string | undefined) => (value && toCents(value) !== 0 ? value : '');
  const form = useForm({
    initialValues: {
      laborCost: hasCosts(issue) ? known(issue.laborCost) : '',
      materialsCost: hasCosts(issue) ? known(issue.materialsCost) : '',
      resolutionNote: issue.resolutionNote ?? '',
    },
    validate: { laborCost: optionalAmountRule(t), materialsCost: optionalAmountRule(t) },
  });
  const amount = (value: string) => value.trim().replace(',', '.') || '0';
  const submit = form.onSubmit(async (values) => {
    try {
      await update.mutateAsync({
        issue,
        change: {
          status: 'resolved',
          resolutionNote: values.resolutionNote.trim() || null,
          ...(withCosts
            ? { laborCost: amount(values.laborCost), materialsCost: amount(values.materialsCost) }
            : {}),
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
        <Text size="sm">
          {withCosts ? t('maintenance.resolve.bodyManager') : t('maintenance.resolve.body')}
        </Text>
        <FailureAlert>
          {update.isError && !hasFieldErrors(update.error)
            ? isVersionMismatch(update.error)
              ? t('maintenance.reloaded')
              : errorSummary(t, update.error)
            : null}
        </FailureAlert>
        {withCosts && (
          <SimpleGrid cols={2} spacing="sm">
            <TextInput
              label={t('maintenance.fields.laborCost')}
              inputMode="decimal"
              placeholder="0.00"
              data-autofocus
              {...form.getInputProps('laborCost')}
            />
            <TextInput
              label={t('maintenance.fields.materialsCost')}
              inputMode="decimal"
              placeholder="0.00"
              {...form.getInputProps('materialsCost')}
            />
          </SimpleGrid>
        )}
        <Textarea
          label={t('maintenance.fields.resolutionNote')}
          description={t('maintenance.resolve.noteHint')}
          autosize
          minRows={phone ? 3 : 2}
          data-autofocus={withCosts ? undefined : true}
          {...form.getInputProps('resolutionNote')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.back')}
          </Button>
          <Button type="submit" color="teal" loading={update.isPending}>
            {t('maintenance.resolve.confirm')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
