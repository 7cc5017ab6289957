import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SyncErrorCode } from './use-channels.ts';

/** Why a sync changed nothing, in the reader's language, with the server's own words as details. */
export function SyncErrorText({ code, message }: { code: SyncErrorCode | null; message: string | null }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2}>
      {code && <Text size="sm">{t(`channels.errors.${code}`)}</Text>}
      {message && (
        <Text size="xs" style={{ overflowWrap: 'anywhere' }}>
          {code ? t('channels.feeds.details', { message }) : message}
        </Text>
      )}
    </Stack>
  );
}
