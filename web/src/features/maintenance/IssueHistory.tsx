import { Card, Stack, Text, Timeline, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { formatDate, formatInstant } from '../../lib/dates.ts';
import { errorSummary } from '../../lib/form-errors.ts';
import { useMoney } from '../../lib/organization.ts';
import {
  type Issue,
  type MaintenanceType,
  type Member,
  typeLabel,
  useIssueHistory,
} from './use-maintenance.ts';

/** The fields of a change, in the order people read a work order; resolvedAt goes with the status. */
const FIELDS = [
  'status',
  'title',
  'type',
  'priority',
  'description',
  'reportedByGuest',
  'assigneeUserId',
  'assigneeName',
  'assigneePhone',
  'dueDate',
  'blockId',
  'laborCost',
  'materialsCost',
  'resolutionNote',
] as const;

/** Who changed what, when: each change with its fields before → after, in the user's words. */
export function IssueHistory({
  issue,
  types,
  members,
}: {
  issue: Issue;
  types: MaintenanceType[] | undefined;
  members: Member[] | undefined;
}) {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  const history = useIssueHistory(issue.id);
  const language = i18n.resolvedLanguage;

  const shown = (field: (typeof FIELDS)[number], value: unknown): string => {
    if (value === null || value === undefined || value === '') return '—';
    switch (field) {
      case 'status':
        return t(`maintenance.status.${value}`);
      case 'priority':
        return t(`maintenance.priority.${value}`);
      case 'type':
        return typeLabel(types, String(value), language);
      case 'reportedByGuest':
        return value ? t('maintenance.history.yes') : t('maintenance.history.no');
      case 'assigneeUserId':
        return (
          members?.find((member) => member.userId === value)?.name ??
          (value === issue.assigneeUserId ? issue.assigneeName : null) ??
          t('maintenance.history.aMember')
        );
      case 'dueDate':
        return formatDate(String(value), language, { day: 'numeric', month: 'short', year: 'numeric' });
      case 'blockId':
        return t('maintenance.history.blocked');
      case 'laborCost':
      case 'materialsCost':
        return money(String(value));
      default:
        return String(value);
    }
  };

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="work-order-history">
      <Stack gap="sm">
        <Title order={3} size="h5" id="work-order-history">
          {t('maintenance.history.title')}
        </Title>
        {history.isPending ? (
          <LoadingState />
        ) : history.isError ? (
          <ErrorState message={errorSummary(t, history.error)} onRetry={() => history.refetch()} />
        ) : (
          <Timeline bulletSize={12} lineWidth={2}>
            {history.data.map((entry) => {
              const before = (entry.before ?? {}) as Record<string, unknown>;
              const after = (entry.after ?? {}) as Record<string, unknown>;
              const fields =
                entry.before && entry.after
                  ? FIELDS.filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))
                  : [];
              return (
                <Timeline.Item
                  key={entry.id}
                  title={t(`maintenance.history.action.${entry.action}`, { defaultValue: entry.action })}
                >
                  <Text size="xs" c="dimmed">
                    <time dateTime={entry.at}>{formatInstant(entry.at, language)}</time> ·{' '}
                    {entry.actorName ?? t('maintenance.history.system')}
                  </Text>
                  {fields.map((field) => (
                    <Text size="sm" key={field} lineClamp={4} style={{ overflowWrap: 'anywhere' }}>
                      <Text span fw={600} size="sm">
                        {t(`maintenance.fields.${field}`)}
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
