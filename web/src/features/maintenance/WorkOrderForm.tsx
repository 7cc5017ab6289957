import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Fieldset,
  Group,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FailureAlert } from '../../components/FailureAlert.tsx';
import { newIdempotencyKey } from '../../lib/api/client.ts';
import { maintenancePriorityValues } from '../../lib/api/schema.gen.ts';
import { formatDate } from '../../lib/dates.ts';
import { errorSummary, hasFieldErrors, translatedFieldErrors } from '../../lib/form-errors.ts';
import { toCents } from '../../lib/money.ts';
import {
  dateRule,
  endDateError,
  isCalendarDate,
  optionalAmountRule,
  requiredRule,
} from '../../lib/validation.ts';
import { useHouses } from '../houses/use-houses.ts';
import {
  type Issue,
  type IssueChange,
  type IssueInput,
  type IssuePriority,
  isVersionMismatch,
  OverlapError,
  typeLabel,
  useAssignableMembers,
  useConflictingStay,
  useCreateIssue,
  useMaintenanceTypes,
  useUpdateIssue,
} from './use-maintenance.ts';

type AssigneeMode = 'none' | 'member' | 'contractor';

interface Values {
  houseId: string | null;
  type: string | null;
  title: string;
  description: string;
  priority: IssuePriority;
  reportedByGuest: boolean;
  assigneeMode: AssigneeMode;
  assigneeUserId: string | null;
  assigneeName: string;
  assigneePhone: string;
  dueDate: string;
  laborCost: string;
  materialsCost: string;
  blocks: boolean;
  blockStart: string;
  blockEnd: string;
  resolutionNote: string;
}

/** What a new work order may start with: the house (from its page), the nights (picked on the calendar). */
export interface WorkOrderDefaults {
  houseId?: string;
  block?: { start: string; end: string };
}

const TITLE_MAX = 200;
/** Fields that change together: one touched, all of them are the user's. */
const FIELD_GROUPS: (keyof Values)[][] = [
  ['houseId'],
  ['type'],
  ['title'],
  ['description'],
  ['priority'],
  ['reportedByGuest'],
  ['assigneeMode', 'assigneeUserId', 'assigneeName', 'assigneePhone'],
  ['dueDate'],
  ['laborCost'],
  ['materialsCost'],
  ['blocks', 'blockStart', 'blockEnd'],
  ['resolutionNote'],
];
const amount = (value: string) => value.trim().replace(',', '.');
/** An amount field's value: empty for nothing spent, so the field shows its placeholder. */
const shownAmount = (value: string | undefined) => (!value || toCents(value) === 0 ? '' : value);

function initialValues(issue: Issue | undefined, defaults: WorkOrderDefaults | undefined): Values {
  return {
    houseId: issue?.houseId ?? defaults?.houseId ?? null,
    type: issue?.type ?? null,
    title: issue?.title ?? '',
    description: issue?.description ?? '',
    priority: issue?.priority ?? 'normal',
    reportedByGuest: issue?.reportedByGuest ?? false,
    assigneeMode: issue?.assigneeUserId ? 'member' : issue?.assigneeName ? 'contractor' : 'none',
    assigneeUserId: issue?.assigneeUserId ?? null,
    assigneeName: issue && !issue.assigneeUserId ? (issue.assigneeName ?? '') : '',
    assigneePhone: issue?.assigneePhone ?? '',
    dueDate: issue?.dueDate ?? '',
    laborCost: shownAmount(issue?.laborCost),
    materialsCost: shownAmount(issue?.materialsCost),
    blocks: issue ? issue.block !== null : defaults?.block !== undefined,
    blockStart: issue?.block?.start ?? defaults?.block?.start ?? '',
    blockEnd: issue?.block?.end ?? defaults?.block?.end ?? '',
    resolutionNote: issue?.resolutionNote ?? '',
  };
}

/**
 * A new work order (managers), or the changes to one. Once a work order is
 * resolved only its wording, costs and note can change, and the form shows
 * only those. A block whose nights a stay holds is refused next to its dates,
 * naming the stay.
 */
export function WorkOrderForm({
  issue,
  defaults,
  onDone,
}: {
  issue?: Issue;
  defaults?: WorkOrderDefaults;
  onDone: (issue: Issue) => void;
}) {
  const { t, i18n } = useTranslation();
  const houses = useHouses();
  const types = useMaintenanceTypes();
  const members = useAssignableMembers(true);
  const create = useCreateIssue();
  const update = useUpdateIssue();
  const save = issue ? update : create;
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [overlap, setOverlap] = useState<OverlapError | null>(null);
  const resolved = issue?.status === 'resolved';

  const form = useForm<Values>({
    initialValues: initialValues(issue, defaults),
    validate: {
      houseId: (value) => (value ? null : t('errors.required')),
      type: (value) => (value ? null : t('errors.required')),
      title: (value) =>
        requiredRule(t)(value) ??
        (value.trim().length > TITLE_MAX ? t('errors.too-long', { count: TITLE_MAX }) : null),
      assigneeUserId: (value, values) =>
        values.assigneeMode === 'member' && !value ? t('errors.required') : null,
      assigneeName: (value, values) => (values.assigneeMode === 'contractor' ? requiredRule(t)(value) : null),
      dueDate: (value) => (value === '' ? null : dateRule(t)(value)),
      laborCost: optionalAmountRule(t),
      materialsCost: optionalAmountRule(t),
      blockStart: (value, values) => (values.blocks ? dateRule(t)(value) : null),
      blockEnd: (value, values) => (values.blocks ? endDateError(t, value, values.blockStart) : null),
    },
  });
  const { values } = form;

  // The work order changed under the form (a 412 reloads it): the fields the user did not touch take
  // the new values, the ones they changed keep what was typed. The assignee and the block are each
  // one change (their fields go together).
  const shownVersion = useRef(issue?.version);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new version is what resets the form
  useEffect(() => {
    if (!issue || issue.version === shownVersion.current) return;
    shownVersion.current = issue.version;
    const before = form.getInitialValues();
    const current = form.getValues();
    const next = initialValues(issue, undefined);
    const merged: Values = { ...next };
    const touched = (fields: (keyof Values)[]) => fields.some((field) => current[field] !== before[field]);
    for (const group of FIELD_GROUPS) {
      if (touched(group)) for (const field of group) Object.assign(merged, { [field]: current[field] });
    }
    form.setInitialValues(next);
    form.setValues(merged);
  }, [issue?.version]);

  const typeOptions = (types.data ?? [])
    .filter((type) => type.active || type.code === issue?.type)
    .map((type) => ({ value: type.code, label: typeLabel(types.data, type.code, i18n.resolvedLanguage) }));
  const memberOptions = (members.data ?? [])
    .filter((member) => member.role !== 'owner' || member.userId === issue?.assigneeUserId)
    .map((member) => ({ value: member.userId, label: member.name }));

  /** The body of a new work order, or the fields that changed. */
  function changes(current: Values): IssueInput | IssueChange {
    const costs = (field: 'laborCost' | 'materialsCost') => amount(current[field]) || '0';
    const assignment =
      current.assigneeMode === 'member'
        ? { assigneeUserId: current.assigneeUserId }
        : current.assigneeMode === 'contractor'
          ? { assigneeName: current.assigneeName.trim(), assigneePhone: current.assigneePhone.trim() || null }
          : issue
            ? { assigneeUserId: null, assigneeName: null, assigneePhone: null }
            : {};
    const block = current.blocks ? { start: current.blockStart, end: current.blockEnd } : null;
    if (!issue) {
      return {
        houseId: current.houseId as string,
        type: current.type as string,
        title: current.title.trim(),
        description: current.description.trim() || null,
        priority: current.priority,
        reportedByGuest: current.reportedByGuest,
        ...assignment,
        ...(current.dueDate ? { dueDate: current.dueDate } : {}),
        ...(current.laborCost.trim() ? { laborCost: amount(current.laborCost) } : {}),
        ...(current.materialsCost.trim() ? { materialsCost: amount(current.materialsCost) } : {}),
        ...(block ? { block } : {}),
      } satisfies IssueInput;
    }
    // What the form was opened with (or last reset to): only the fields the user changed are sent,
    // never a value of an older version over a colleague's change.
    const before = form.getInitialValues();
    const changed: IssueChange = {};
    if (current.title.trim() !== before.title) changed.title = current.title.trim();
    if (current.description.trim() !== before.description.trim())
      changed.description = current.description.trim() || null;
    if (toCents(costs('laborCost')) !== toCents(before.laborCost || '0'))
      changed.laborCost = costs('laborCost');
    if (toCents(costs('materialsCost')) !== toCents(before.materialsCost || '0'))
      changed.materialsCost = costs('materialsCost');
    if (resolved) {
      if (current.resolutionNote.trim() !== before.resolutionNote.trim())
        changed.resolutionNote = current.resolutionNote.trim() || null;
      return changed;
    }
    if (current.type !== before.type && current.type) changed.type = current.type;
    if (current.priority !== before.priority) changed.priority = current.priority;
    if (current.reportedByGuest !== before.reportedByGuest) changed.reportedByGuest = current.reportedByGuest;
    if (
      current.assigneeMode !== before.assigneeMode ||
      current.assigneeUserId !== before.assigneeUserId ||
      current.assigneeName.trim() !== before.assigneeName ||
      current.assigneePhone.trim() !== before.assigneePhone
    )
      Object.assign(changed, assignment);
    if (current.dueDate !== before.dueDate) changed.dueDate = current.dueDate || null;
    if (
      current.blocks !== before.blocks ||
      (current.blocks && (current.blockStart !== before.blockStart || current.blockEnd !== before.blockEnd))
    )
      changed.block = block;
    return changed;
  }

  const submit = form.onSubmit(async (current) => {
    setOverlap(null);
    try {
      if (issue) {
        const change = changes(current) as IssueChange;
        onDone(Object.keys(change).length === 0 ? issue : await update.mutateAsync({ issue, change }));
      } else {
        onDone(await create.mutateAsync({ body: changes(current) as IssueInput, idempotencyKey }));
      }
    } catch (error) {
      if (error instanceof OverlapError) setOverlap(error);
      // Field paths of the block are block.start / block.end: shown on the date fields.
      const fields = translatedFieldErrors(t, error);
      form.setErrors(
        Object.fromEntries(
          Object.entries(fields).map(([field, message]) => [
            field === 'block.start' ? 'blockStart' : field === 'block.end' ? 'blockEnd' : field,
            message,
          ]),
        ),
      );
    }
  });

  const failure =
    save.isError && !hasFieldErrors(save.error) && !(save.error instanceof OverlapError)
      ? isVersionMismatch(save.error)
        ? t('maintenance.reloaded')
        : errorSummary(t, save.error)
      : null;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <FailureAlert>{failure}</FailureAlert>
        {!resolved && (
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <Select
              label={t('maintenance.fields.house')}
              required
              searchable
              disabled={issue !== undefined}
              data={(houses.data ?? [])
                .filter((house) => house.status === 'active' || house.id === values.houseId)
                .map((house) => ({ value: house.id, label: `${house.name} (${house.code})` }))}
              {...form.getInputProps('houseId')}
            />
            <Select
              label={t('maintenance.fields.type')}
              required
              data={typeOptions}
              {...form.getInputProps('type')}
            />
          </SimpleGrid>
        )}
        <TextInput
          label={t('maintenance.fields.title')}
          description={issue ? undefined : t('maintenance.form.titleHint')}
          required
          maxLength={TITLE_MAX}
          {...form.getInputProps('title')}
        />
        <Textarea
          label={t('maintenance.fields.description')}
          autosize
          minRows={2}
          maxRows={8}
          {...form.getInputProps('description')}
        />
        {!resolved && (
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <Select
              label={t('maintenance.fields.priority')}
              data={maintenancePriorityValues.map((priority) => ({
                value: priority,
                label: t(`maintenance.priority.${priority}`),
              }))}
              {...form.getInputProps('priority')}
            />
            <TextInput
              label={t('maintenance.fields.dueDate')}
              type="date"
              {...form.getInputProps('dueDate')}
            />
          </SimpleGrid>
        )}
        {!resolved && (
          <Checkbox
            label={t('maintenance.fields.reportedByGuest')}
            {...form.getInputProps('reportedByGuest', { type: 'checkbox' })}
          />
        )}

        {!resolved && (
          <Fieldset legend={t('maintenance.fields.assignee')} variant="unstyled">
            <Stack gap="xs">
              <Radio.Group
                aria-label={t('maintenance.fields.assignee')}
                value={values.assigneeMode}
                onChange={(value) => form.setFieldValue('assigneeMode', value as AssigneeMode)}
              >
                <Group gap="md">
                  <Radio value="none" label={t('maintenance.form.nobody')} />
                  <Radio value="member" label={t('maintenance.form.member')} />
                  <Radio value="contractor" label={t('maintenance.form.contractor')} />
                </Group>
              </Radio.Group>
              {values.assigneeMode === 'member' && (
                <Select
                  label={t('maintenance.form.member')}
                  required
                  searchable
                  data={memberOptions}
                  nothingFoundMessage={t('maintenance.form.noMember')}
                  {...form.getInputProps('assigneeUserId')}
                />
              )}
              {values.assigneeMode === 'contractor' && (
                <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
                  <TextInput
                    label={t('maintenance.fields.contractorName')}
                    required
                    maxLength={120}
                    {...form.getInputProps('assigneeName')}
                  />
                  <TextInput
                    label={t('maintenance.fields.contractorPhone')}
                    type="tel"
                    maxLength={40}
                    {...form.getInputProps('assigneePhone')}
                  />
                </SimpleGrid>
              )}
            </Stack>
          </Fieldset>
        )}

        <SimpleGrid cols={2} spacing="sm">
          <TextInput
            label={t('maintenance.fields.laborCost')}
            inputMode="decimal"
            placeholder="0.00"
            {...form.getInputProps('laborCost')}
          />
          <TextInput
            label={t('maintenance.fields.materialsCost')}
            inputMode="decimal"
            placeholder="0.00"
            {...form.getInputProps('materialsCost')}
          />
        </SimpleGrid>

        {resolved && (
          <Textarea
            label={t('maintenance.fields.resolutionNote')}
            autosize
            minRows={2}
            {...form.getInputProps('resolutionNote')}
          />
        )}

        {!resolved && (
          <Fieldset legend={t('maintenance.form.blockLegend')} variant="unstyled">
            <Stack gap="xs">
              <Checkbox
                label={t('maintenance.form.blocks')}
                description={t('maintenance.form.blocksHint')}
                {...form.getInputProps('blocks', { type: 'checkbox' })}
                onChange={(event) => {
                  setOverlap(null);
                  form.setFieldValue('blocks', event.currentTarget.checked);
                }}
              />
              {values.blocks && (
                <SimpleGrid cols={2} spacing="sm">
                  <TextInput
                    label={t('maintenance.fields.blockStart')}
                    type="date"
                    required
                    {...form.getInputProps('blockStart')}
                    error={form.errors.blockStart ?? (overlap ? true : undefined)}
                  />
                  <TextInput
                    label={t('maintenance.fields.blockEnd')}
                    type="date"
                    required
                    min={isCalendarDate(values.blockStart) ? values.blockStart : undefined}
                    {...form.getInputProps('blockEnd')}
                    error={form.errors.blockEnd ?? (overlap ? true : undefined)}
                  />
                </SimpleGrid>
              )}
              {values.blocks && overlap && <OverlapNotice error={overlap} />}
            </Stack>
          </Fieldset>
        )}

        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            {issue ? t('common.save') : t('maintenance.form.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The nights are taken: by which stay (named, with a link) or by another block. */
function OverlapNotice({ error }: { error: OverlapError }) {
  const { t, i18n } = useTranslation();
  const stay = useConflictingStay(error.reservationId);
  const dates = stay.data
    ? `${formatDate(stay.data.checkIn, i18n.resolvedLanguage)} → ${formatDate(stay.data.checkOut, i18n.resolvedLanguage)}`
    : '';
  return (
    <Alert color="red" role="alert" id="work-order-overlap" title={t('maintenance.form.overlapTitle')}>
      {error.reservationId ? (
        <Text size="sm">
          {t('maintenance.form.overlapStay')}{' '}
          <Anchor component={Link} to={`/reservations/${error.reservationId}`} size="sm" fw={600}>
            {stay.data ? `${stay.data.guestName} · ${dates}` : t('maintenance.form.theStay')}
          </Anchor>
        </Text>
      ) : (
        <Text size="sm">{t('maintenance.form.overlapBlock')}</Text>
      )}
    </Alert>
  );
}
