import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Group,
  MultiSelect,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState, LoadingState } from '../../components/States.tsx';
import { roleValues } from '../../lib/api/client.ts';
import { errorSummary, translatedFieldErrors } from '../../lib/form-errors.ts';
import { emailRule } from '../../lib/validation.ts';
import { useAuth } from '../auth/AuthProvider.tsx';
import { useHouses } from '../houses/use-houses.ts';
import {
  type Role,
  useAssignHouses,
  useChangeRole,
  useInvitations,
  useInvite,
  useMembers,
  useRemoveMember,
  useRevokeInvitation,
} from './use-members.ts';

export function MembersPage() {
  const { t } = useTranslation();
  const auth = useAuth();
  const isAdmin = auth.organization?.role === 'admin';
  return (
    <Stack gap="lg" maw={900}>
      <Stack gap={4}>
        <Title order={2}>{t('members.title')}</Title>
        <Text c="dimmed" size="sm">
          {t('members.subtitle', { organization: auth.organization?.organizationName ?? '' })}
        </Text>
      </Stack>
      {isAdmin && <InviteForm />}
      <MemberList isAdmin={isAdmin} />
      {isAdmin && <PendingInvitations />}
    </Stack>
  );
}

function MemberList({ isAdmin }: { isAdmin: boolean }) {
  const { t } = useTranslation();
  const auth = useAuth();
  const members = useMembers();
  const changeRole = useChangeRole();
  const remove = useRemoveMember();
  const assign = useAssignHouses();
  const houses = useHouses();
  const houseOptions = (houses.data ?? []).map((house) => ({ value: house.id, label: house.name }));
  const roleOptions = roleValues.map((role) => ({ value: role, label: t(`roles.${role}`) }));

  if (members.isPending) return <LoadingState />;
  if (members.isError)
    return <ErrorState message={errorSummary(t, members.error)} onRetry={() => members.refetch()} />;

  const failure = changeRole.error ?? remove.error ?? assign.error;
  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        <Title order={3} size="h4">
          {t('members.list', { count: members.data.length })}
        </Title>
        {failure && (
          <Alert color="red" role="alert">
            {errorSummary(t, failure)}
          </Alert>
        )}
        <Table.ScrollContainer minWidth={480}>
          <Table verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('members.name')}</Table.Th>
                <Table.Th>{t('members.role')}</Table.Th>
                {isAdmin && (
                  <Table.Th>
                    <VisuallyHidden>{t('members.actions')}</VisuallyHidden>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {members.data.map((member) => (
                <Table.Tr key={member.userId}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {member.name}
                      {member.userId === auth.user?.id && (
                        <Badge ml="xs" size="xs" variant="light">
                          {t('members.you')}
                        </Badge>
                      )}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {member.email}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {isAdmin ? (
                      <Select
                        size="xs"
                        aria-label={t('members.roleOf', { name: member.name })}
                        data={roleOptions}
                        value={member.role}
                        allowDeselect={false}
                        onChange={(role) =>
                          role && changeRole.mutate({ userId: member.userId, role: role as Role })
                        }
                        maw={180}
                      />
                    ) : (
                      <Badge variant="light">{t(`roles.${member.role}`)}</Badge>
                    )}
                    {member.role === 'owner' && (
                      <MultiSelect
                        mt={6}
                        size="xs"
                        maw={320}
                        aria-label={t('members.housesOf', { name: member.name })}
                        placeholder={member.houseIds.length === 0 ? t('members.noHouses') : undefined}
                        data={houseOptions}
                        value={member.houseIds}
                        readOnly={!isAdmin}
                        onChange={(houseIds) => assign.mutate({ userId: member.userId, houseIds })}
                      />
                    )}
                  </Table.Td>
                  {isAdmin && (
                    <Table.Td>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('members.remove', { name: member.name })}
                        onClick={() => {
                          if (window.confirm(t('members.confirmRemove', { name: member.name }))) {
                            remove.mutate(member.userId);
                          }
                        }}
                      >
                        ✕
                      </ActionIcon>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </Card>
  );
}

function InviteForm() {
  const { t } = useTranslation();
  const invite = useInvite();
  const form = useForm({
    initialValues: { email: '', role: 'staff' as Role },
    validate: { email: emailRule(t) },
  });
  const submit = form.onSubmit(async (values) => {
    try {
      await invite.mutateAsync({ email: values.email.trim(), role: values.role });
      form.reset();
    } catch (error) {
      form.setErrors(translatedFieldErrors(t, error));
    }
  });
  return (
    <Card withBorder padding="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={3} size="h4">
            {t('members.invite')}
          </Title>
          {invite.isError && Object.keys(translatedFieldErrors(t, invite.error)).length === 0 && (
            <Alert color="red" role="alert">
              {errorSummary(t, invite.error)}
            </Alert>
          )}
          {invite.isSuccess && (
            <Alert color="teal" role="status">
              {t('members.invited', { email: invite.data.email })}
            </Alert>
          )}
          <Group align="flex-start" grow wrap="wrap">
            <TextInput
              label={t('auth.fields.email')}
              type="email"
              required
              miw={220}
              {...form.getInputProps('email')}
            />
            <Select
              label={t('members.role')}
              data={roleValues.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
              allowDeselect={false}
              miw={160}
              {...form.getInputProps('role')}
            />
          </Group>
          <Button type="submit" loading={invite.isPending} style={{ alignSelf: 'flex-start' }}>
            {t('members.sendInvitation')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}

function PendingInvitations() {
  const { t, i18n } = useTranslation();
  const invitations = useInvitations(true);
  const revoke = useRevokeInvitation();
  if (invitations.isPending) return <LoadingState />;
  if (invitations.isError) return <ErrorState onRetry={() => invitations.refetch()} />;
  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        <Title order={3} size="h4">
          {t('members.pending')}
        </Title>
        {invitations.data.length === 0 ? (
          <EmptyState title={t('members.noPending')} />
        ) : (
          invitations.data.map((invitation) => (
            <Group key={invitation.id} justify="space-between" wrap="nowrap">
              <div>
                <Text size="sm" fw={500}>
                  {invitation.email}
                </Text>
                <Text size="xs" c="dimmed">
                  {t(`roles.${invitation.role}`)} ·{' '}
                  {t('members.expires', {
                    date: new Date(invitation.expiresAt).toLocaleDateString(i18n.resolvedLanguage),
                  })}
                </Text>
              </div>
              <Button
                size="xs"
                variant="subtle"
                color="red"
                onClick={() => revoke.mutate(invitation.id)}
                loading={revoke.isPending && revoke.variables === invitation.id}
              >
                {t('members.revoke')}
              </Button>
            </Group>
          ))
        )}
      </Stack>
    </Card>
  );
}
