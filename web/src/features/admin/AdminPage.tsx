import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState, LoadingState } from '../../components/States.tsx';
import { errorSummary } from '../../lib/form-errors.ts';
import { useAuth } from '../auth/AuthProvider.tsx';
import { JobsCard } from './JobsCard.tsx';
import { useDecideRegistration, useRegistrationRequests, useUpdateUser, useUsers } from './use-admin.ts';

/** For instance administrators: registrations waiting for approval, every account, and failed background jobs. */
export function AdminPage() {
  const { t } = useTranslation();
  const auth = useAuth();
  if (!auth.user?.instanceAdmin) return <Alert color="red">{t('problems.forbidden')}</Alert>;
  return (
    <Stack gap="lg" maw={960}>
      <Title order={2}>{t('admin.title')}</Title>
      <RegistrationRequests />
      <Users />
      <JobsCard />
    </Stack>
  );
}

function RegistrationRequests() {
  const { t, i18n } = useTranslation();
  const requests = useRegistrationRequests();
  const decide = useDecideRegistration();
  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        <Title order={3} size="h4">
          {t('admin.requests')}
        </Title>
        {decide.isError && <Alert color="red">{errorSummary(t, decide.error)}</Alert>}
        {requests.isPending ? (
          <LoadingState />
        ) : requests.isError ? (
          <ErrorState onRetry={() => requests.refetch()} />
        ) : requests.data.length === 0 ? (
          <EmptyState title={t('admin.noRequests')}>{t('admin.noRequestsHint')}</EmptyState>
        ) : (
          requests.data.map((request) => (
            <Group key={request.id} justify="space-between" wrap="wrap">
              <div>
                <Text size="sm" fw={500}>
                  {request.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {request.email} · {new Date(request.createdAt).toLocaleString(i18n.resolvedLanguage)}
                </Text>
              </div>
              <Group gap="xs">
                <Button
                  size="xs"
                  onClick={() => decide.mutate({ requestId: request.id, status: 'approved' })}
                >
                  {t('admin.approve')}
                </Button>
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  onClick={() => decide.mutate({ requestId: request.id, status: 'rejected' })}
                >
                  {t('admin.reject')}
                </Button>
              </Group>
            </Group>
          ))
        )}
      </Stack>
    </Card>
  );
}

function Users() {
  const { t, i18n } = useTranslation();
  const auth = useAuth();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const users = useUsers(debounced);
  const update = useUpdateUser();
  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={3} size="h4">
            {t('admin.users')}
          </Title>
          <TextInput
            placeholder={t('admin.search')}
            aria-label={t('admin.search')}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            w={260}
          />
        </Group>
        {update.isError && <Alert color="red">{errorSummary(t, update.error)}</Alert>}
        {users.isPending ? (
          <LoadingState />
        ) : users.isError ? (
          <ErrorState onRetry={() => users.refetch()} />
        ) : users.data.items.length === 0 ? (
          <EmptyState title={t('admin.noUsers')} />
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('members.name')}</Table.Th>
                  <Table.Th>{t('admin.lastLogin')}</Table.Th>
                  <Table.Th>{t('admin.active')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {users.data.items.map((user) => (
                  <Table.Tr key={user.id}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {user.name}{' '}
                        {user.instanceAdmin && (
                          <Badge size="xs" variant="light">
                            {t('admin.instanceAdmin')}
                          </Badge>
                        )}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {user.email}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {user.lastLoginAt
                          ? new Date(user.lastLoginAt).toLocaleString(i18n.resolvedLanguage)
                          : '—'}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Switch
                        aria-label={t('admin.activeOf', { name: user.name })}
                        checked={user.active}
                        disabled={user.id === auth.user?.id}
                        onChange={(event) =>
                          update.mutate({ userId: user.id, active: event.currentTarget.checked })
                        }
                      />
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
