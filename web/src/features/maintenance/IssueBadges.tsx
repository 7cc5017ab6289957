import { Badge, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../lib/dates.ts';
import {
  type Issue,
  type IssuePriority,
  type IssueStatus,
  isOverdue,
  PRIORITY_COLORS,
  STATUS_COLORS,
} from './use-maintenance.ts';

export function StatusBadge({ status }: { status: IssueStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" style={{ flexShrink: 0 }}>
      {t(`maintenance.status.${status}`)}
    </Badge>
  );
}

/** A priority in words (the colour only repeats it), "Priority: urgent" for screen readers. */
export function PriorityBadge({ priority }: { priority: IssuePriority }) {
  const { t } = useTranslation();
  const label = t(`maintenance.priority.${priority}`);
  return (
    <Badge
      color={PRIORITY_COLORS[priority]}
      variant={priority === 'urgent' ? 'filled' : 'light'}
      style={{ flexShrink: 0 }}
    >
      {/* A label on a plain element is often not read: the words are there, hidden from sight only. */}
      <VisuallyHidden>{t('maintenance.priorityNamed', { priority: label })}</VisuallyHidden>
      <span aria-hidden="true">{label}</span>
    </Badge>
  );
}

/** A due date, said to be late in words as well as in red when it passed with the work still to do. */
export function DueDate({ issue, today }: { issue: Pick<Issue, 'dueDate' | 'status'>; today: string }) {
  const { t, i18n } = useTranslation();
  if (!issue.dueDate) return <Text size="sm">—</Text>;
  const late = isOverdue(issue, today);
  return (
    <Text size="sm" c={late ? 'red.8' : undefined} fw={late ? 600 : undefined}>
      {formatDate(issue.dueDate, i18n.resolvedLanguage)}
      {late ? ` · ${t('maintenance.overdue')}` : ''}
    </Text>
  );
}

/** The nights a work order keeps the house off the calendar: [start, end), end being the day it is free again. */
export function BlockDates({ block }: { block: Issue['block'] }) {
  const { i18n } = useTranslation();
  if (!block) return <Text size="sm">—</Text>;
  return (
    <Text size="sm">
      {formatDate(block.start, i18n.resolvedLanguage)} → {formatDate(block.end, i18n.resolvedLanguage)}
    </Text>
  );
}
