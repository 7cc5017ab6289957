import { Alert, Button, Stack, Text } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { api, unwrap } from '../../lib/api/client.ts';
import { errorSummary } from '../../lib/form-errors.ts';
import { AuthCard } from './AuthCard.tsx';
import { useAuth } from './AuthProvider.tsx';
import { InvitationRegisterForm } from './InvitationRegisterForm.tsx';

/**
 * The page an invitation email links to. A logged-in invitee joins with one
 * click; someone without an account creates one here and joins at once.
 */
export function AcceptInvitationPage() {
  const { t } = useTranslation();
  const auth = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const preview = useQuery({
    queryKey: ['invitation-preview', token],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/invitations/preview', { params: { query: { token } } })),
    enabled: token !== '',
    retry: false,
  });
  const accept = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/invitations/accept', { body: { token } })),
    onSuccess: async (membership) => {
      await auth.reload();
      auth.switchOrganization(membership.organizationId);
      navigate('/', { replace: true });
    },
  });

  if (!token) {
    return (
      <AuthCard title={t('invitation.title')}>
        <Alert color="red">{t('problems.not-found')}</Alert>
      </AuthCard>
    );
  }
  if (preview.isPending || auth.status === 'loading') return <LoadingState />;
  if (preview.isError) {
    return (
      <AuthCard title={t('invitation.title')}>
        <ErrorState message={errorSummary(t, preview.error)} />
      </AuthCard>
    );
  }

  const invitation = preview.data;
  const role = t(`roleInSentence.${invitation.role}`);
  return (
    <AuthCard
      title={t('invitation.title')}
      subtitle={t('invitation.summary', { organization: invitation.organizationName, role })}
    >
      {invitation.status !== 'pending' ? (
        <Alert color="orange">{t(`invitation.status.${invitation.status}`)}</Alert>
      ) : auth.status === 'authenticated' ? (
        <Stack gap="sm">
          {auth.user?.email !== invitation.email && (
            <Alert color="orange">{t('invitation.otherEmail', { email: invitation.email })}</Alert>
          )}
          {accept.isError && (
            <Alert color="red" role="alert">
              {errorSummary(t, accept.error)}
            </Alert>
          )}
          <Button onClick={() => accept.mutate()} loading={accept.isPending} fullWidth size="md">
            {t('invitation.join', { organization: invitation.organizationName })}
          </Button>
        </Stack>
      ) : (
        <Stack gap="sm">
          <Text size="sm">{t('invitation.newAccount', { email: invitation.email })}</Text>
          <InvitationRegisterForm email={invitation.email} token={token} />
          <Text size="sm" ta="center">
            {t('invitation.haveAccount')}{' '}
            <Link to={`/login?next=${encodeURIComponent(`/invitations/accept?token=${token}`)}`}>
              {t('auth.register.login')}
            </Link>
          </Text>
        </Stack>
      )}
    </AuthCard>
  );
}
