import {
  Anchor,
  Button,
  Card,
  Chip,
  Collapse,
  Fieldset,
  Group,
  Modal,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { EmptyState, ErrorState, LoadingState } from '../../components/States.tsx';
import { maintenancePriorityValues, maintenanceStatusValues } from '../../lib/api/schema.gen.ts';
import { errorSummary } from '../../lib/form-errors.ts';
import { useCanManage, useToday } from '../../lib/organization.ts';
import { useAuth } from '../auth/AuthProvider.tsx';
import { useHouses } from '../houses/use-houses.ts';
import { BlockDates, DueDate, PriorityBadge, StatusBadge } from './IssueBadges.tsx';
import { PendingReports, ReportIssueButton } from './ReportIssue.tsx';
import {
  type Issue,
  type IssueFilters,
  type IssuePriority,
  type IssueStatus,
  OPEN_STATUSES,
  typeLabel,
  useAssignableMembers,
  useIssues,
  useMaintenanceTypes,
} from './use-maintenance.ts';
import { WorkOrderForm } from './WorkOrderForm.tsx';

/** `status` absent from the address means the open ones; `status=all`, every status. */
const ALL = 'all';

function filtersFrom(params: URLSearchParams): IssueFilters {
  const statuses = params.getAll('status');
  const status = statuses.includes(ALL)
    ? []
    : statuses.length === 0
      ? [...OPEN_STATUSES]
      : statuses.filter((value): value is IssueStatus =>
          (maintenanceStatusValues as readonly string[]).includes(value),
        );
  const priority = params
    .getAll('priority')
    .filter((value): value is IssuePriority =>
      (maintenancePriorityValues as readonly string[]).includes(value),
    );
  return {
    status,
    priority,
    ...(params.get('house') ? { houseId: params.get('house') as string } : {}),
    ...(params.get('type') ? { type: params.get('type') as string } : {}),
    ...(params.get('assignee') ? { assigneeUserId: params.get('assignee') as string } : {}),
  };
}

/**
 * Every work order the member may see, newest first, filtered by house,
 * status, priority, assignee and type. The filters live in the address, so a
 * filtered view can be bookmarked or sent; open work orders by default.
 */
export function MaintenanceListPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const auth = useAuth();
  const role = auth.organization?.role;
  const canManage = useCanManage();
  const me = auth.user?.id ?? '';
  const phone = useMediaQuery('(max-width: 36em)');
  const [params, setParams] = useSearchParams();
  const [filtersOpen, { toggle: toggleFilters }] = useDisclosure(false);
  const filters = filtersFrom(params);
  const issues = useIssues(filters);
  const houses = useHouses();
  const types = useMaintenanceTypes();
  const members = useAssignableMembers(canManage);
  const creating = params.get('new') === '1';

  const setFilter = (name: string, values: string[] | string | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.delete(name);
        for (const value of Array.isArray(values) ? values : values ? [values] : []) next.append(name, value);
        return next;
      },
      { replace: true },
    );
  const setCreating = (open: boolean) => setFilter('new', open ? '1' : null);

  const houseName = (id: string) => houses.data?.find((house) => house.id === id)?.name ?? '';
  const items = issues.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered =
    params.has('status') ||
    filters.priority?.length ||
    filters.houseId ||
    filters.type ||
    filters.assigneeUserId;
  const activeFilters =
    (params.has('status') ? 1 : 0) +
    (filters.priority?.length ? 1 : 0) +
    (filters.houseId ? 1 : 0) +
    (filters.type ? 1 : 0) +
    (filters.assigneeUserId ? 1 : 0);

  const filterFields = (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, xs: canManage ? 3 : 2 }} spacing="sm">
        <Select
          label={t('maintenance.fields.house')}
          placeholder={t('maintenance.filters.allHouses')}
          data={(houses.data ?? []).map((house) => ({ value: house.id, label: house.name }))}
          value={filters.houseId ?? null}
          onChange={(value) => setFilter('house', value)}
          clearable
          searchable
        />
        {canManage && (
          <Select
            label={t('maintenance.fields.assignee')}
            placeholder={t('maintenance.filters.anyone')}
            data={[
              { value: me, label: t('maintenance.filters.me') },
              ...(members.data ?? [])
                .filter((member) => member.userId !== me && member.role !== 'owner')
                .map((member) => ({ value: member.userId, label: member.name })),
            ]}
            value={filters.assigneeUserId ?? null}
            onChange={(value) => setFilter('assignee', value)}
            clearable
            searchable
          />
        )}
        <Select
          label={t('maintenance.fields.type')}
          placeholder={t('maintenance.filters.anyType')}
          data={(types.data ?? []).map((type) => ({
            value: type.code,
            label: typeLabel(types.data, type.code, i18n.resolvedLanguage),
          }))}
          value={filters.type ?? null}
          onChange={(value) => setFilter('type', value)}
          clearable
        />
      </SimpleGrid>
      <Group gap="lg" align="flex-start">
        {/* None ticked means any status (status=all); the address without one, the open ones. */}
        <ChipFilter
          legend={t('maintenance.fields.status')}
          values={maintenanceStatusValues}
          label={(status) => t(`maintenance.status.${status}`)}
          value={filters.status ?? []}
          onChange={(values) => setFilter('status', values.length ? values : [ALL])}
        />
        <ChipFilter
          legend={t('maintenance.fields.priority')}
          values={maintenancePriorityValues}
          label={(priority) => t(`maintenance.priority.${priority}`)}
          value={filters.priority ?? []}
          onChange={(values) => setFilter('priority', values)}
        />
      </Group>
    </Stack>
  );

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Title order={2}>{t('maintenance.title')}</Title>
          <Text c="dimmed" size="sm">
            {role === 'owner' ? t('maintenance.subtitleOwner') : t('maintenance.subtitle')}
          </Text>
        </Stack>
        <Group gap="xs">
          {role === 'staff' && <ReportIssueButton />}
          {canManage && <Button onClick={() => setCreating(true)}>{t('maintenance.new')}</Button>}
        </Group>
      </Group>

      <PendingReports />

      {role === 'staff' && (
        <SegmentedControl
          aria-label={t('maintenance.filters.whose')}
          value={filters.assigneeUserId === me ? 'mine' : 'all'}
          onChange={(value) => setFilter('assignee', value === 'mine' ? me : null)}
          data={[
            { value: 'all', label: t('maintenance.filters.everyone') },
            { value: 'mine', label: t('maintenance.filters.assignedToMe') },
          ]}
          maw={420}
        />
      )}

      {phone ? (
        <Stack gap="xs">
          <Group gap="xs">
            <Button
              variant="default"
              onClick={toggleFilters}
              aria-expanded={filtersOpen}
              aria-controls="work-order-filters"
            >
              {activeFilters > 0
                ? t('maintenance.filters.toggleCount', { count: activeFilters })
                : t('maintenance.filters.toggle')}
            </Button>
            {filtered && (
              <Button variant="subtle" onClick={() => setParams(new URLSearchParams(), { replace: true })}>
                {t('maintenance.filters.reset')}
              </Button>
            )}
          </Group>
          <Collapse expanded={filtersOpen} id="work-order-filters">
            {filterFields}
          </Collapse>
        </Stack>
      ) : (
        <Stack gap="xs">
          {filterFields}
          {filtered && (
            <Group>
              <Button
                variant="subtle"
                size="xs"
                onClick={() => setParams(new URLSearchParams(), { replace: true })}
              >
                {t('maintenance.filters.reset')}
              </Button>
            </Group>
          )}
        </Stack>
      )}

      {issues.isPending ? (
        <LoadingState />
      ) : issues.isError ? (
        <ErrorState message={errorSummary(t, issues.error)} onRetry={() => issues.refetch()} />
      ) : items.length === 0 ? (
        <Card withBorder>
          <EmptyState title={filtered ? t('maintenance.noMatch') : t('maintenance.empty')}>
            {filtered ? t('maintenance.noMatchHint') : canManage ? t('maintenance.emptyHint') : null}
          </EmptyState>
        </Card>
      ) : (
        <Stack gap="sm">
          <IssueList issues={items} houseName={houseName} />
          {issues.hasNextPage && (
            <Group justify="center">
              <Button
                variant="default"
                loading={issues.isFetchingNextPage}
                onClick={() => issues.fetchNextPage()}
              >
                {t('maintenance.loadMore')}
              </Button>
            </Group>
          )}
        </Stack>
      )}

      <Modal
        opened={creating}
        onClose={() => setCreating(false)}
        title={t('maintenance.new')}
        size="lg"
        fullScreen={phone}
      >
        {creating && (
          <WorkOrderForm
            defaults={filters.houseId ? { houseId: filters.houseId } : undefined}
            onDone={(issue) => navigate(`/maintenance/${issue.id}`)}
          />
        )}
      </Modal>
    </Stack>
  );
}

/** A filter of a few values, all in sight: ticked ones are shown, none ticked means any. */
function ChipFilter<Value extends string>({
  legend,
  values,
  label,
  value,
  onChange,
}: {
  legend: string;
  values: readonly Value[];
  label: (value: Value) => string;
  value: Value[];
  onChange: (values: Value[]) => void;
}) {
  const phone = useMediaQuery('(max-width: 36em)');
  return (
    <Fieldset
      legend={legend}
      variant="unstyled"
      styles={{ legend: { fontWeight: 500, fontSize: 'var(--mantine-font-size-sm)', marginBottom: 4 } }}
    >
      <Chip.Group multiple value={value} onChange={(next) => onChange(next as Value[])}>
        <Group gap={6}>
          {values.map((option) => (
            <Chip
              key={option}
              value={option}
              size="sm"
              // On a phone, a target a thumb can hit.
              styles={phone ? { label: { height: 44, paddingInline: 16 } } : undefined}
            >
              {label(option)}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
    </Fieldset>
  );
}

/** Work orders as a table on a wide screen, as cards on a phone. */
export function IssueList({
  issues,
  houseName,
  showHouse = true,
}: {
  issues: Issue[];
  houseName: (id: string) => string;
  showHouse?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const today = useToday();
  const types = useMaintenanceTypes();
  const phone = useMediaQuery('(max-width: 36em)');
  const type = (code: string) => typeLabel(types.data, code, i18n.resolvedLanguage);
  const assignee = (issue: Issue) => issue.assigneeName ?? t('maintenance.unassigned');

  if (phone)
    return (
      <Stack gap="xs" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {issues.map((issue) => (
          <li key={issue.id}>
            <Card withBorder padding="sm" component={Link} to={`/maintenance/${issue.id}`}>
              <Stack gap={6}>
                <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
                  <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                    {issue.title}
                  </Text>
                  <PriorityBadge priority={issue.priority} />
                </Group>
                <Text size="sm" c="dimmed">
                  {showHouse ? `${houseName(issue.houseId)} · ` : ''}
                  {type(issue.type)}
                </Text>
                <Group gap="xs" justify="space-between">
                  <StatusBadge status={issue.status} />
                  <Text size="sm">{assignee(issue)}</Text>
                </Group>
                {(issue.dueDate || issue.block) && (
                  <Group gap="md">
                    {issue.dueDate && (
                      <Group gap={4} wrap="nowrap">
                        <Text size="sm" c="dimmed">
                          {t('maintenance.fields.dueDate')}:
                        </Text>
                        <DueDate issue={issue} today={today} />
                      </Group>
                    )}
                    {issue.block && (
                      <Group gap={4} wrap="nowrap">
                        <Text size="sm" c="dimmed">
                          {t('maintenance.blockedShort')}:
                        </Text>
                        <BlockDates block={issue.block} />
                      </Group>
                    )}
                  </Group>
                )}
              </Stack>
            </Card>
          </li>
        ))}
      </Stack>
    );

  return (
    <Card withBorder padding={0}>
      <Table.ScrollContainer minWidth={760}>
        <Table verticalSpacing="sm" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('maintenance.workOrder')}</Table.Th>
              {showHouse && <Table.Th>{t('maintenance.fields.house')}</Table.Th>}
              <Table.Th>{t('maintenance.fields.priority')}</Table.Th>
              <Table.Th>{t('maintenance.fields.status')}</Table.Th>
              <Table.Th>{t('maintenance.fields.assignee')}</Table.Th>
              <Table.Th>{t('maintenance.fields.dueDate')}</Table.Th>
              <Table.Th>{t('maintenance.fields.block')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {issues.map((issue) => (
              <Table.Tr key={issue.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/maintenance/${issue.id}`} fw={600} size="sm">
                    {issue.title}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {type(issue.type)}
                  </Text>
                </Table.Td>
                {showHouse && <Table.Td>{houseName(issue.houseId)}</Table.Td>}
                <Table.Td>
                  <PriorityBadge priority={issue.priority} />
                </Table.Td>
                <Table.Td>
                  <StatusBadge status={issue.status} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{assignee(issue)}</Text>
                </Table.Td>
                <Table.Td>
                  <DueDate issue={issue} today={today} />
                </Table.Td>
                <Table.Td>
                  <BlockDates block={issue.block} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}
