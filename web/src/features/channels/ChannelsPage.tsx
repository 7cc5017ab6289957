import { Anchor, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { errorSummary } from '../../lib/form-errors.ts';
import { useCanManage } from '../../lib/organization.ts';
import { useHouses } from '../houses/use-houses.ts';
import { ConflictList } from './ConflictList.tsx';
import { ExportUrls } from './ExportUrls.tsx';
import { FeedList } from './FeedList.tsx';

/**
 * A house's channel sync, where the conflict emails lead: the calendars it
 * imports from Airbnb, Booking.com, Vrbo or any iCal feed, the events kept out
 * because their nights were taken, and the addresses the channels import its
 * own calendar from. Managers and admins only (the API refuses anyone else).
 */
export function ChannelsPage() {
  const { houseId = '' } = useParams();
  const { t } = useTranslation();
  const canManage = useCanManage();
  const houses = useHouses();

  // Each section would be refused on its own: say it once.
  if (!canManage) return <ErrorState message={t('problems.forbidden')} />;
  if (houses.isPending) return <LoadingState />;
  if (houses.isError)
    return <ErrorState message={errorSummary(t, houses.error)} onRetry={() => houses.refetch()} />;
  const house = houses.data.find((candidate) => candidate.id === houseId);
  if (!house) return <ErrorState message={t('problems.not-found')} />;

  return (
    <Stack gap="xl" maw={900}>
      <Stack gap={4}>
        <Anchor component={Link} to="/houses" size="sm">
          ← {t('houses.title')}
        </Anchor>
        <Title order={2}>{t('channels.title', { house: house.name })}</Title>
        <Text c="dimmed" size="sm">
          {t('channels.subtitle')}
        </Text>
      </Stack>
      <FeedList houseId={house.id} />
      <ConflictList houseId={house.id} />
      <ExportUrls houseId={house.id} />
    </Stack>
  );
}
