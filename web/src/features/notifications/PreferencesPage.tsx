import { Alert, Anchor, Button, Checkbox, Group, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { notificationKindValues } from '../../lib/api/schema.gen.ts';
import { useAuth } from '../auth/AuthProvider.tsx';
import {
  type NotificationPreferences,
  useNotificationPreferences,
  useSavePreferences,
} from './use-notifications.ts';

/** What the member receives, kind by kind: in the app, by email, both or neither; and the evening digest. */
export function PreferencesPage() {
  const { t } = useTranslation();
  const auth = useAuth();
  const stored = useNotificationPreferences();
  const save = useSavePreferences();
  const [draft, setDraft] = useState<NotificationPreferences | undefined>(undefined);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (stored.data) setDraft(stored.data);
  }, [stored.data]);
  const manager = auth.organization?.role === 'admin' || auth.organization?.role === 'manager';

  if (stored.isPending || (!draft && !stored.isError)) return <LoadingState />;
  if (stored.isError || !draft) return <ErrorState onRetry={() => stored.refetch()} />;

  const set = (kind: (typeof notificationKindValues)[number], channel: 'inApp' | 'email', value: boolean) => {
    setSaved(false);
    setDraft({ ...draft, kinds: { ...draft.kinds, [kind]: { ...draft.kinds[kind], [channel]: value } } });
  };
  return (
    <Stack gap="md" maw={760}>
      <Group justify="space-between" align="flex-end">
        <Title order={2}>{t('notifications.preferences.title')}</Title>
        <Anchor component={Link} to="/notifications" size="sm">
          {t('notifications.backToList')}
        </Anchor>
      </Group>
      <Text size="sm" c="dimmed">
        {t('notifications.preferences.intro')}
      </Text>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setSaved(false);
          save.mutate(draft, { onSuccess: () => setSaved(true) });
        }}
      >
        <Stack gap="md">
          <Table.ScrollContainer minWidth={320}>
            <Table striped verticalSpacing="xs">
              <Table.Caption>{t('notifications.preferences.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('notifications.preferences.kind')}</Table.Th>
                  <Table.Th scope="col" ta="center">
                    {t('notifications.preferences.inApp')}
                  </Table.Th>
                  <Table.Th scope="col" ta="center">
                    {t('notifications.preferences.email')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {notificationKindValues.map((kind) => {
                  const name = t(`notifications.kinds.${kind}`);
                  return (
                    <Table.Tr key={kind}>
                      <Table.Th scope="row" fw={400}>
                        {name}
                      </Table.Th>
                      <Table.Td>
                        <Group justify="center">
                          <Checkbox
                            checked={draft.kinds[kind].inApp}
                            onChange={(event) => set(kind, 'inApp', event.currentTarget.checked)}
                            aria-label={t('notifications.preferences.inAppFor', { kind: name })}
                          />
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Group justify="center">
                          <Checkbox
                            checked={draft.kinds[kind].email}
                            onChange={(event) => set(kind, 'email', event.currentTarget.checked)}
                            aria-label={t('notifications.preferences.emailFor', { kind: name })}
                          />
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Switch
            checked={draft.digest}
            onChange={(event) => {
              setSaved(false);
              setDraft({ ...draft, digest: event.currentTarget.checked });
            }}
            label={t('notifications.preferences.digest')}
            description={
              manager
                ? t('notifications.preferences.digestHint')
                : t('notifications.preferences.digestManagersOnly')
            }
          />
          {save.isError && <ErrorState message={t('notifications.preferences.saveFailed')} />}
          {saved && (
            <Alert color="green" role="status">
              {t('notifications.preferences.saved')}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('notifications.preferences.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
