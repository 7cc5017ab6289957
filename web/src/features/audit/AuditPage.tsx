import {
  Button,
  Card,
  Collapse,
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
import { useDebouncedCallback, useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FailureAlert } from '../../components/FailureAlert.tsx';
import { ScrollingTable } from '../../components/ScrollingTable.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/States.tsx';
import { formatInstant, shiftDate } from '../../lib/dates.ts';
import { errorSummary } from '../../lib/form-errors.ts';
import { useToday } from '../../lib/organization.ts';
import { useSearchParam } from '../../lib/search-params.ts';
import { isCalendarDate } from '../../lib/validation.ts';
import { useAuth } from '../auth/AuthProvider.tsx';
import { useMembers } from '../members/use-members.ts';
import { AUDIT_ACTIONS, type AuditEntry, ENTITY_TYPES, isAuditAction } from './audit.ts';
import {
  ActionBadge,
  ChangeDetails,
  EntityCell,
  useActorLabel,
  useEntityLabel,
  useEntityTypeLabel,
} from './ChangeDetails.tsx';
import { type AuditFilters, downloadAuditCsv, useAuditLog } from './use-audit.ts';

/** The address's parameters the filters are kept in; `until` is the last day shown (inclusive). */
const FILTER_PARAMS = ['entityType', 'entityId', 'actor', 'action', 'from', 'until'] as const;

/**
 * The audit log, for admins: every change to every entity, newest first,
 * searched by entity, member, action and dates (kept in the address, so an
 * entity's page can link to its own history), each change opened as a diff,
 * and the selection exported as CSV.
 */
export function AuditPage() {
  const { t } = useTranslation();
  const isAdmin = useAuth().organization?.role === 'admin';
  if (!isAdmin)
    return (
      <Stack gap="lg">
        <Title order={2}>{t('audit.title')}</Title>
        <EmptyState title={t('audit.adminsOnly')} />
      </Stack>
    );
  return <AuditLog />;
}

function AuditLog() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage;
  const today = useToday();
  const phone = useMediaQuery('(max-width: 36em)') ?? false;
  const [params, set] = useSearchParam();
  const [filtersOpen, { toggle: toggleFilters }] = useDisclosure(false);
  const members = useMembers();
  const entityType = useEntityTypeLabel();
  const actor = useActorLabel();
  const entityLabel = useEntityLabel();
  const [opened, setOpened] = useState<AuditEntry | null>(null);
  const [exporting, setExporting] = useState(false);
  const [exportFailed, setExportFailed] = useState<unknown>(null);

  const day = (name: string) => {
    const value = params.get(name);
    return value && isCalendarDate(value) ? value : undefined;
  };
  const action = params.get('action');
  const from = day('from');
  const until = day('until');
  const filters: AuditFilters = {
    entityType: params.get('entityType') ?? undefined,
    entityId: params.get('entityId')?.trim() || undefined,
    actorId: params.get('actor') ?? undefined,
    action: isAuditAction(action) ? action : undefined,
    from,
    to: until ? shiftDate(until, 1) : undefined,
  };
  const log = useAuditLog(filters);
  const items = log.data?.pages.flatMap((page) => page.items) ?? [];
  const active = FILTER_PARAMS.filter((name) => params.get(name)).length;

  // The id is typed: the address (and the search) follows once the typing pauses.
  const [entityId, setEntityId] = useState(params.get('entityId') ?? '');
  const writeEntityId = useDebouncedCallback((value: string) => set('entityId', value.trim()), 400);

  const reset = () => {
    for (const name of FILTER_PARAMS) set(name, null);
    setEntityId('');
  };

  const exportCsv = async () => {
    setExporting(true);
    setExportFailed(null);
    try {
      const what = filters.entityType ? `-${filters.entityType}` : '';
      await downloadAuditCsv(filters, `audit${what}-${today}.csv`);
    } catch (error) {
      setExportFailed(error);
    } finally {
      setExporting(false);
    }
  };

  // Opens the change as a dialog; the dialog hands the focus back to this button when it closes.
  const changeButton = (entry: AuditEntry) => (
    <Button
      size="xs"
      variant="light"
      aria-haspopup="dialog"
      aria-expanded={opened?.id === entry.id}
      aria-label={t('audit.showChangeNamed', {
        what: `${entityType(entry.entityType)} ${entityLabel(entry)}`,
        when: formatInstant(entry.at, language),
      })}
      onClick={() => setOpened(entry)}
      style={{ flexShrink: 0 }}
    >
      {t('audit.showChange')}
    </Button>
  );

  const knownTypes: readonly string[] = ENTITY_TYPES;
  const typeOptions = [
    ...ENTITY_TYPES,
    ...(filters.entityType && !knownTypes.includes(filters.entityType) ? [filters.entityType] : []),
  ]
    .map((type) => ({ value: type, label: entityType(type) }))
    .sort((a, b) => a.label.localeCompare(b.label, language));
  const memberOptions = (members.data ?? [])
    .map((member) => ({ value: member.userId, label: member.name }))
    .sort((a, b) => a.label.localeCompare(b.label, language));
  if (filters.actorId && !memberOptions.some((option) => option.value === filters.actorId))
    memberOptions.push({ value: filters.actorId, label: t('audit.formerMember') });

  const filterFields = (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm" verticalSpacing="xs">
      <Select
        label={t('audit.filters.entityType')}
        placeholder={t('audit.filters.anyEntity')}
        data={typeOptions}
        value={filters.entityType ?? null}
        onChange={(value) => set('entityType', value)}
        clearable
        searchable
      />
      <TextInput
        label={t('audit.filters.entityId')}
        description={t('audit.filters.entityIdHint')}
        value={entityId}
        onChange={(event) => {
          setEntityId(event.currentTarget.value);
          writeEntityId(event.currentTarget.value);
        }}
        spellCheck={false}
        autoComplete="off"
      />
      <Select
        label={t('audit.filters.actor')}
        placeholder={t('audit.filters.anyActor')}
        data={memberOptions}
        value={filters.actorId ?? null}
        onChange={(value) => set('actor', value)}
        clearable
        searchable
      />
      <Select
        label={t('audit.filters.action')}
        placeholder={t('audit.filters.anyAction')}
        data={AUDIT_ACTIONS.map((value) => ({ value, label: t(`audit.action.${value}`) }))}
        value={filters.action ?? null}
        onChange={(value) => set('action', value)}
        clearable
      />
      <TextInput
        label={t('audit.filters.from')}
        type="date"
        value={from ?? ''}
        max={until}
        onChange={(event) => set('from', event.currentTarget.value)}
      />
      <TextInput
        label={t('audit.filters.until')}
        type="date"
        value={until ?? ''}
        min={from}
        onChange={(event) => set('until', event.currentTarget.value)}
      />
    </SimpleGrid>
  );

  const resetButton = active > 0 && (
    <Button variant="subtle" size={phone ? 'sm' : 'xs'} onClick={reset}>
      {t('audit.filters.reset')}
    </Button>
  );

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" gap="sm">
        <Stack gap={4}>
          <Title order={2}>{t('audit.title')}</Title>
          <Text c="dimmed" size="sm">
            {t('audit.subtitle')}
          </Text>
        </Stack>
        <Button variant="default" loading={exporting} onClick={exportCsv}>
          {t('audit.export')}
        </Button>
      </Group>
      <FailureAlert>
        {exportFailed ? `${t('audit.exportFailed')} ${errorSummary(t, exportFailed)}` : null}
      </FailureAlert>

      {phone ? (
        <Stack gap="xs">
          <Group gap="xs">
            <Button
              variant="default"
              onClick={toggleFilters}
              aria-expanded={filtersOpen}
              aria-controls="audit-filters"
            >
              {active > 0 ? t('audit.filters.toggleCount', { count: active }) : t('audit.filters.toggle')}
            </Button>
            {resetButton}
          </Group>
          <Collapse expanded={filtersOpen} id="audit-filters">
            {filterFields}
          </Collapse>
        </Stack>
      ) : (
        <Stack gap="xs" component="section" aria-label={t('audit.filters.label')}>
          {filterFields}
          {resetButton && <Group>{resetButton}</Group>}
        </Stack>
      )}

      {log.isPending ? (
        <LoadingState />
      ) : log.isError ? (
        <ErrorState message={errorSummary(t, log.error)} onRetry={() => log.refetch()} />
      ) : items.length === 0 ? (
        <Card withBorder>
          <EmptyState title={active > 0 ? t('audit.noMatch') : t('audit.empty')}>
            {active > 0 ? t('audit.noMatchHint') : t('audit.emptyHint')}
          </EmptyState>
        </Card>
      ) : (
        // While other filters load, the rows of the last ones stay, dimmed.
        <Stack
          gap="sm"
          aria-busy={log.isPlaceholderData}
          style={{ opacity: log.isPlaceholderData ? 0.6 : 1 }}
        >
          {phone ? (
            <Stack gap="xs">
              <Text size="sm" c="dimmed" id="audit-list-caption">
                {t('audit.table.caption', { count: items.length })}
              </Text>
              <Stack
                gap="xs"
                component="ul"
                aria-labelledby="audit-list-caption"
                style={{ listStyle: 'none', margin: 0, padding: 0 }}
              >
                {items.map((entry) => (
                  <li key={entry.id} data-audit-entry={entry.id}>
                    <Card withBorder padding="sm">
                      <Stack gap={6}>
                        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
                          <EntityCell entry={entry} />
                          <ActionBadge action={entry.action} />
                        </Group>
                        <Group justify="space-between" align="center" wrap="nowrap" gap="xs">
                          <Text size="xs" c="dimmed">
                            {actor(entry)} · {formatInstant(entry.at, language)}
                          </Text>
                          {changeButton(entry)}
                        </Group>
                      </Stack>
                    </Card>
                  </li>
                ))}
              </Stack>
            </Stack>
          ) : (
            <Card withBorder padding={0}>
              <ScrollingTable label={t('audit.table.label')} minWidth={640}>
                <Table verticalSpacing="xs" highlightOnHover>
                  <Table.Caption style={{ captionSide: 'top', textAlign: 'start', padding: '8px 12px' }}>
                    {t('audit.table.caption', { count: items.length })}
                  </Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('audit.columns.when')}</Table.Th>
                      <Table.Th>{t('audit.columns.who')}</Table.Th>
                      <Table.Th>{t('audit.columns.what')}</Table.Th>
                      <Table.Th>{t('audit.columns.action')}</Table.Th>
                      <Table.Th>
                        <VisuallyHidden>{t('audit.columns.change')}</VisuallyHidden>
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {items.map((entry) => (
                      <Table.Tr key={entry.id} data-audit-entry={entry.id}>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>
                          <Text size="sm">{formatInstant(entry.at, language)}</Text>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm" c={entry.actorId === null ? 'dimmed' : undefined}>
                            {actor(entry)}
                          </Text>
                        </Table.Td>
                        <Table.Td style={{ maxWidth: 280 }}>
                          <EntityCell entry={entry} />
                        </Table.Td>
                        <Table.Td>
                          <ActionBadge action={entry.action} />
                        </Table.Td>
                        <Table.Td ta="right">{changeButton(entry)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollingTable>
            </Card>
          )}
          {log.hasNextPage && (
            <Group justify="center">
              <Button variant="default" loading={log.isFetchingNextPage} onClick={() => log.fetchNextPage()}>
                {t('audit.loadMore')}
              </Button>
            </Group>
          )}
        </Stack>
      )}

      <Modal
        opened={opened !== null}
        onClose={() => setOpened(null)}
        title={
          opened
            ? t('audit.change.title', { entity: entityType(opened.entityType), name: entityLabel(opened) })
            : ''
        }
        size="xl"
        fullScreen={phone}
      >
        {opened && <ChangeDetails entry={opened} />}
      </Modal>
    </Stack>
  );
}
