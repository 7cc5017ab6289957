import { Anchor, Badge, Button, Card, Group, Modal, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { Attachments } from '../../components/Attachments.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/States.tsx';
import { errorSummary } from '../../lib/form-errors.ts';
import { useCanManage, useMoney } from '../../lib/organization.ts';
import { useAuth } from '../auth/AuthProvider.tsx';
import { ReadinessBadge } from '../checklists/ReadinessBadge.tsx';
import { TouristTaxCard } from '../finance/TouristTaxCard.tsx';
import { IssueList } from '../maintenance/MaintenanceListPage.tsx';
import { ReportIssueButton } from '../maintenance/ReportIssue.tsx';
import { OPEN_STATUSES, useIssues } from '../maintenance/use-maintenance.ts';
import { WorkOrderForm } from '../maintenance/WorkOrderForm.tsx';
import { OwnerContractsCard } from '../statements/OwnerContractsCard.tsx';
import { HouseForm } from './HouseForm.tsx';
import { type House, useHouses, useSites } from './use-houses.ts';

/**
 * One house: what it is, the ways to its checklist, calendar and channels,
 * its tourist tax (for those who see money), the work still to do on it, and
 * its files (plans, manuals, contracts).
 */
export function HousePage() {
  const { houseId = '' } = useParams();
  const { t } = useTranslation();
  const houses = useHouses();
  if (houses.isPending) return <LoadingState />;
  if (houses.isError)
    return <ErrorState message={errorSummary(t, houses.error)} onRetry={() => houses.refetch()} />;
  const house = houses.data.find((candidate) => candidate.id === houseId);
  if (!house) return <ErrorState message={t('problems.not-found')} />;
  return <HouseDetail house={house} />;
}

function HouseDetail({ house }: { house: House }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const canManage = useCanManage();
  const role = useAuth().organization?.role;
  const sites = useSites();
  const money = useMoney();
  const phone = useMediaQuery('(max-width: 36em)');
  const [dialog, setDialog] = useState<'edit' | 'work' | null>(null);
  const site = sites.data?.find((candidate) => candidate.id === house.siteId);

  return (
    <Stack gap="lg" maw={960}>
      <Stack gap={4}>
        <Anchor component={Link} to="/houses" size="sm">
          ← {t('houses.title')}
        </Anchor>
        <Group justify="space-between" align="flex-start" gap="sm">
          <Stack gap={4}>
            <Title order={2}>{house.name}</Title>
            <Group gap="xs">
              <Text size="sm" c="dimmed">
                {house.code} · {t(`houses.types.${house.type}`)}
              </Text>
              <Badge variant="light" color={house.status === 'active' ? 'teal' : 'gray'}>
                {t(`houses.status.${house.status}`)}
              </Badge>
              <ReadinessBadge houseId={house.id} />
            </Group>
          </Stack>
          {canManage && (
            <Button variant="default" onClick={() => setDialog('edit')}>
              {t('common.edit')}
            </Button>
          )}
        </Group>
      </Stack>

      <nav aria-label={t('housePage.links')}>
        <Group gap="xs">
          <Button component={Link} to={`/houses/${house.id}/checklist`} variant="light">
            {t('housePage.checklist')}
          </Button>
          <Button component={Link} to="/calendar" variant="light">
            {t('housePage.calendar')}
          </Button>
          {canManage && (
            <Button component={Link} to={`/houses/${house.id}/channels`} variant="light">
              {t('channels.link')}
            </Button>
          )}
          <Button component={Link} to={`/maintenance?house=${house.id}&status=all`} variant="light">
            {t('housePage.allWorkOrders')}
          </Button>
        </Group>
      </nav>

      <Card withBorder padding="md" component="section" aria-labelledby="house-details">
        <Stack gap="xs">
          <Title order={3} size="h5" id="house-details">
            {t('housePage.details')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={48} verticalSpacing="xs">
            <Fact label={t('houses.fields.site')}>{site?.name ?? t('houses.noSite')}</Fact>
            <Fact label={t('houses.fields.location')}>{house.location ?? '—'}</Fact>
            <Fact label={t('houses.fields.maxGuests')}>{String(house.maxGuests)}</Fact>
            {'nightlyPrice' in house && (
              <Fact label={t('houses.fields.nightlyPrice')}>{money(house.nightlyPrice)}</Fact>
            )}
            <Fact label={t('houses.fields.checkInTime')}>{house.checkInTime}</Fact>
            <Fact label={t('houses.fields.checkOutTime')}>{house.checkOutTime}</Fact>
            <Fact label={t('houses.fields.timezone')}>{house.timezone}</Fact>
          </SimpleGrid>
          {house.notes && (
            <Stack gap={2}>
              <Text size="sm" c="dimmed">
                {t('houses.fields.notes')}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {house.notes}
              </Text>
            </Stack>
          )}
        </Stack>
      </Card>

      <TouristTaxCard houseId={house.id} houseName={house.name} />
      <OwnerContractsCard houseId={house.id} houseName={house.name} />

      <Stack gap="sm" component="section" aria-labelledby="house-work-orders">
        <Group justify="space-between" align="flex-end">
          <Title order={3} size="h4" id="house-work-orders">
            {t('housePage.openWorkOrders')}
          </Title>
          <Group gap="xs">
            {role === 'staff' && <ReportIssueButton houseId={house.id} houseName={house.name} />}
            {canManage && <Button onClick={() => setDialog('work')}>{t('maintenance.new')}</Button>}
          </Group>
        </Group>
        <HouseWorkOrders houseId={house.id} />
      </Stack>

      <Attachments
        owner={{ type: 'house', id: house.id }}
        title={t('housePage.files')}
        emptyText={t('housePage.noFiles')}
        uploads={
          canManage
            ? [{ label: t('housePage.addFile'), accept: 'image/*,application/pdf', multiple: true }]
            : []
        }
        canDelete={() => canManage}
      />

      <Modal
        opened={dialog !== null}
        onClose={() => setDialog(null)}
        title={dialog === 'edit' ? t('houses.editNamed', { name: house.name }) : t('maintenance.new')}
        size="lg"
        fullScreen={phone}
      >
        {dialog === 'edit' && <HouseForm key={house.version} house={house} onDone={() => setDialog(null)} />}
        {dialog === 'work' && (
          <WorkOrderForm
            defaults={{ houseId: house.id }}
            onDone={(issue) => navigate(`/maintenance/${issue.id}`)}
          />
        )}
      </Modal>
    </Stack>
  );
}

function HouseWorkOrders({ houseId }: { houseId: string }) {
  const { t } = useTranslation();
  const issues = useIssues({ houseId, status: [...OPEN_STATUSES] });
  const items = issues.data?.pages.flatMap((page) => page.items) ?? [];
  if (issues.isPending) return <LoadingState />;
  if (issues.isError)
    return <ErrorState message={errorSummary(t, issues.error)} onRetry={() => issues.refetch()} />;
  if (items.length === 0)
    return (
      <Card withBorder>
        <EmptyState title={t('housePage.noWorkOrders')} />
      </Card>
    );
  return (
    <Stack gap="xs">
      <IssueList issues={items} houseName={() => ''} showHouse={false} />
      {issues.hasNextPage && (
        <Group justify="center">
          <Button
            variant="default"
            loading={issues.isFetchingNextPage}
            onClick={() => issues.fetchNextPage()}
          >
            {t('maintenance.loadMore')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="sm" ta="right" style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </Group>
  );
}
