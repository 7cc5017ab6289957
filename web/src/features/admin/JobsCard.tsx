import { Alert, Badge, Button, Card, Group, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState, LoadingState } from '../../components/States.tsx';
import { errorSummary } from '../../lib/form-errors.ts';
import { useFailedJobs, useRetryJob } from './use-jobs.ts';

/** Background jobs (email, turnover rounds, channel syncs): what waits, and what failed and why. */
export function JobsCard() {
  const { t, i18n } = useTranslation();
  const jobs = useFailedJobs();
  const retry = useRetryJob();
  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={3} size="h4">
            {t('admin.jobs.title')}
          </Title>
          {jobs.data && (
            <Group gap="xs">
              <Badge variant="light" color="gray">
                {t('admin.jobs.queued', { count: jobs.data.counts.queued })}
              </Badge>
              <Badge variant="light" color="blue">
                {t('admin.jobs.running', { count: jobs.data.counts.running })}
              </Badge>
              <Badge variant="light" color={jobs.data.counts.failed > 0 ? 'red' : 'gray'}>
                {t('admin.jobs.failed', { count: jobs.data.counts.failed })}
              </Badge>
            </Group>
          )}
        </Group>
        {retry.isError && <Alert color="red">{errorSummary(t, retry.error)}</Alert>}
        {jobs.isPending ? (
          <LoadingState />
        ) : jobs.isError ? (
          <ErrorState onRetry={() => jobs.refetch()} />
        ) : jobs.data.items.length === 0 ? (
          <EmptyState title={t('admin.jobs.noFailures')} />
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('admin.jobs.kind')}</Table.Th>
                  <Table.Th>{t('admin.jobs.lastError')}</Table.Th>
                  <Table.Th>{t('admin.jobs.failedAt')}</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>{t('admin.jobs.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {jobs.data.items.map((job) => (
                  <Table.Tr key={job.id}>
                    <Table.Td>
                      <Text size="sm" ff="monospace">
                        {job.kind}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {t('admin.jobs.attempts', { count: job.attempts })}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                        {job.lastError ?? '—'}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {new Date(job.finishedAt ?? job.updatedAt).toLocaleString(i18n.resolvedLanguage)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="light"
                        aria-label={t('admin.jobs.retryOf', { kind: job.kind })}
                        loading={retry.isPending && retry.variables === job.id}
                        onClick={() => retry.mutate(job.id)}
                      >
                        {t('admin.jobs.retry')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Card>
  );
}
