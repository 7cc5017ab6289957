import { Anchor, Badge, Button, Card, Group, Modal, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Attachments } from '../../components/Attachments.tsx';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { formatInstant } from '../../lib/dates.ts';
import { errorSummary } from '../../lib/form-errors.ts';
import { useMoney, useToday } from '../../lib/organization.ts';
import { useAuth } from '../auth/AuthProvider.tsx';
import { useHouses } from '../houses/use-houses.ts';
import { BlockDates, DueDate, PriorityBadge, StatusBadge } from './IssueBadges.tsx';
import { IssueHistory } from './IssueHistory.tsx';
import { StatusActions } from './StatusActions.tsx';
import {
  hasCosts,
  type Issue,
  typeLabel,
  useAssignableMembers,
  useIssue,
  useMaintenanceTypes,
} from './use-maintenance.ts';
import { WorkOrderForm } from './WorkOrderForm.tsx';

/** One work order: what and where, what can happen next, its costs, photos and invoices, and its history. */
export function WorkOrderPage() {
  const { issueId = '' } = useParams();
  const { t } = useTranslation();
  const issue = useIssue(issueId);
  if (issue.isPending) return <LoadingState />;
  if (issue.isError)
    return <ErrorState message={errorSummary(t, issue.error)} onRetry={() => issue.refetch()} />;
  return <WorkOrder issue={issue.data} />;
}

function WorkOrder({ issue }: { issue: Issue }) {
  const { t, i18n } = useTranslation();
  const auth = useAuth();
  const role = auth.organization?.role;
  const manager = role === 'admin' || role === 'manager';
  const team = manager || role === 'staff';
  const houses = useHouses();
  const types = useMaintenanceTypes();
  const members = useAssignableMembers(manager);
  const money = useMoney();
  const today = useToday();
  const phone = useMediaQuery('(max-width: 36em)');
  const [editing, setEditing] = useState(false);
  const language = i18n.resolvedLanguage;
  const house = houses.data?.find((candidate) => candidate.id === issue.houseId);
  const type = typeLabel(types.data, issue.type, language);

  return (
    <Stack gap="lg" maw={960}>
      <Stack gap={4}>
        <Anchor component={Link} to="/maintenance" size="sm">
          ← {t('maintenance.title')}
        </Anchor>
        <Group justify="space-between" align="flex-start" gap="sm">
          <Title order={2} style={{ overflowWrap: 'anywhere' }}>
            {issue.title}
          </Title>
          {manager && issue.status !== 'cancelled' && (
            <Button variant="default" onClick={() => setEditing(true)}>
              {t('common.edit')}
            </Button>
          )}
        </Group>
        <Group gap="xs">
          <StatusBadge status={issue.status} />
          <PriorityBadge priority={issue.priority} />
          <Badge variant="outline" color="gray">
            {type}
          </Badge>
          {house && (
            <Anchor component={Link} to={`/houses/${house.id}`} size="sm" fw={600}>
              {house.name}
            </Anchor>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          {t(issue.reportedByGuest ? 'maintenance.reportedByGuest' : 'maintenance.reportedBy', {
            name: issue.reportedByName ?? t('maintenance.history.system'),
            date: formatInstant(issue.reportedAt, language),
          })}
        </Text>
      </Stack>

      <StatusActions issue={issue} />

      <SimpleGrid cols={{ base: 1, sm: hasCosts(issue) ? 2 : 1 }} spacing="md">
        <Card withBorder padding="md" component="section" aria-labelledby="work-order-details">
          <Stack gap="xs">
            <Title order={3} size="h5" id="work-order-details">
              {t('maintenance.details')}
            </Title>
            <Row label={t('maintenance.fields.assignee')}>
              {issue.assigneeName ? (
                <>
                  {issue.assigneeName}
                  {!issue.assigneeUserId && ` (${t('maintenance.form.contractor').toLowerCase()})`}
                  {issue.assigneePhone && (
                    <>
                      {' · '}
                      <Anchor href={`tel:${issue.assigneePhone}`} size="sm">
                        {issue.assigneePhone}
                      </Anchor>
                    </>
                  )}
                </>
              ) : (
                t('maintenance.unassigned')
              )}
            </Row>
            <Row label={t('maintenance.fields.dueDate')}>
              <DueDate issue={issue} today={today} />
            </Row>
            <Row label={t('maintenance.fields.block')}>
              {issue.block ? (
                <Anchor component={Link} to={`/calendar?month=${issue.block.start.slice(0, 7)}`} size="sm">
                  <BlockDates block={issue.block} />
                </Anchor>
              ) : (
                '—'
              )}
            </Row>
            {issue.description && (
              <Stack gap={2}>
                <Text size="sm" c="dimmed">
                  {t('maintenance.fields.description')}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {issue.description}
                </Text>
              </Stack>
            )}
            {issue.resolvedAt && (
              <Row label={t('maintenance.resolvedAt')}>{formatInstant(issue.resolvedAt, language)}</Row>
            )}
            {issue.resolutionNote && (
              <Stack gap={2}>
                <Text size="sm" c="dimmed">
                  {t('maintenance.fields.resolutionNote')}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {issue.resolutionNote}
                </Text>
              </Stack>
            )}
          </Stack>
        </Card>
        {hasCosts(issue) && (
          <Card withBorder padding="md" component="section" aria-labelledby="work-order-costs">
            <Stack gap="xs">
              <Title order={3} size="h5" id="work-order-costs">
                {t('maintenance.costs')}
              </Title>
              <Row label={t('maintenance.fields.laborCost')}>{money(issue.laborCost)}</Row>
              <Row label={t('maintenance.fields.materialsCost')}>{money(issue.materialsCost)}</Row>
              <Group
                justify="space-between"
                pt={4}
                style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}
              >
                <Text size="sm" fw={700}>
                  {t('maintenance.fields.totalCost')}
                </Text>
                <Text size="sm" fw={700}>
                  {money(issue.totalCost)}
                </Text>
              </Group>
              <Text size="xs" c="dimmed">
                {issue.status === 'resolved' ? t('maintenance.costsPosted') : t('maintenance.costsHint')}
              </Text>
            </Stack>
          </Card>
        )}
      </SimpleGrid>

      <Attachments
        owner={{ type: 'issue', id: issue.id }}
        title={t('maintenance.files.title')}
        emptyText={t('maintenance.files.empty')}
        uploads={
          team
            ? [
                { label: t('maintenance.files.addPhotos'), accept: 'image/*', kind: 'photo', multiple: true },
                {
                  label: t('maintenance.files.addInvoice'),
                  accept: 'application/pdf,image/*',
                  kind: 'invoice',
                },
              ]
            : []
        }
        canDelete={(file) => manager || (role === 'staff' && file.createdBy === auth.user?.id)}
      />

      <IssueHistory issue={issue} types={types.data} members={members.data} />

      <Modal
        opened={editing}
        onClose={() => setEditing(false)}
        title={t('maintenance.edit')}
        size="lg"
        fullScreen={phone}
      >
        {/* Not remounted when the work order changes under it (a 412 reloads it): what was typed stays,
            the untouched fields take the new values, and the next save sends only what was changed,
            on the version now shown. */}
        {editing && <WorkOrderForm issue={issue} onDone={() => setEditing(false)} />}
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
      <Text size="sm" ta="right" component="div">
        {children}
      </Text>
    </Group>
  );
}
