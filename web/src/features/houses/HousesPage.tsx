import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState, ErrorState, LoadingState } from '../../components/States.tsx';
import { errorSummary } from '../../lib/form-errors.ts';
import { useCanManage, useMoney } from '../../lib/organization.ts';
import { useChannelConflicts } from '../channels/use-channels.ts';
import { ReadinessBadge } from '../checklists/ReadinessBadge.tsx';
import { HouseForm } from './HouseForm.tsx';
import { SitesCard } from './SitesCard.tsx';
import { type House, useHouses, useSites } from './use-houses.ts';

type StatusFilter = 'active' | 'inactive' | 'all';

export function HousesPage() {
  const { t } = useTranslation();
  const canManage = useCanManage();
  const houses = useHouses();
  const sites = useSites();
  const money = useMoney();
  const phone = useMediaQuery('(max-width: 36em)');
  const [status, setStatus] = useState<StatusFilter>('active');
  const [siteId, setSiteId] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  // undefined: no dialog; null: a new house; a house: editing it.
  const [editing, setEditing] = useState<House | null | undefined>(undefined);

  // Staff get houses without prices: no empty price column for them.
  const showPrices = (houses.data ?? []).some((house) => 'nightlyPrice' in house);
  const siteName = (id: string | null) => sites.data?.find((site) => site.id === id)?.name;
  const needle = search.trim().toLowerCase();
  const shown = (houses.data ?? []).filter(
    (house) =>
      (status === 'all' || house.status === status) &&
      (!siteId || house.siteId === siteId) &&
      (!needle || house.code.includes(needle) || house.name.toLowerCase().includes(needle)),
  );

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Title order={2}>{t('houses.title')}</Title>
          <Text c="dimmed" size="sm">
            {t('houses.subtitle')}
          </Text>
        </Stack>
        {canManage && <Button onClick={() => setEditing(null)}>{t('houses.new')}</Button>}
      </Group>

      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          label={t('houses.search')}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          w={220}
        />
        {(sites.data?.length ?? 0) > 0 && (
          <Select
            label={t('houses.fields.site')}
            placeholder={t('houses.allSites')}
            data={(sites.data ?? []).map((site) => ({ value: site.id, label: site.name }))}
            value={siteId}
            onChange={setSiteId}
            clearable
            w={200}
          />
        )}
        <SegmentedControl
          aria-label={t('houses.statusFilter')}
          value={status}
          onChange={(value) => setStatus(value as StatusFilter)}
          data={(['active', 'inactive', 'all'] as const).map((value) => ({
            value,
            label: t(`houses.filter.${value}`),
          }))}
        />
      </Group>

      {houses.isPending ? (
        <LoadingState />
      ) : houses.isError ? (
        <ErrorState message={errorSummary(t, houses.error)} onRetry={() => houses.refetch()} />
      ) : shown.length === 0 ? (
        <Card withBorder>
          <EmptyState title={houses.data.length === 0 ? t('houses.empty') : t('houses.noMatch')}>
            {houses.data.length === 0 && canManage ? t('houses.emptyHint') : null}
          </EmptyState>
        </Card>
      ) : phone ? (
        <Stack gap="xs">
          {shown.map((house) => (
            <Card key={house.id} withBorder padding="sm">
              <Group justify="space-between" wrap="nowrap">
                <div>
                  <Anchor component={Link} to={`/houses/${house.id}`} fw={600}>
                    {house.name}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {house.code} · {t(`houses.types.${house.type}`)} ·{' '}
                    {t('houses.guestsMax', { count: house.maxGuests })}
                  </Text>
                </div>
                <Stack gap={4} align="flex-end">
                  <StatusBadge house={house} />
                  <ReadinessBadge houseId={house.id} />
                </Stack>
              </Group>
              {canManage && (
                <Group gap="md" mt={4}>
                  <Button size="xs" variant="subtle" onClick={() => setEditing(house)} px={0}>
                    {t('houses.editNamed', { name: house.name })}
                  </Button>
                  <ChannelsLink house={house} />
                </Group>
              )}
            </Card>
          ))}
        </Stack>
      ) : (
        <Card withBorder padding={0}>
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="sm" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('houses.fields.name')}</Table.Th>
                  <Table.Th>{t('houses.fields.type')}</Table.Th>
                  <Table.Th>{t('houses.fields.site')}</Table.Th>
                  <Table.Th ta="right">{t('houses.fields.maxGuests')}</Table.Th>
                  {showPrices && <Table.Th ta="right">{t('houses.fields.nightlyPrice')}</Table.Th>}
                  <Table.Th>{t('houses.fields.status')}</Table.Th>
                  <Table.Th>{t('checklist.housekeeping')}</Table.Th>
                  {canManage && (
                    <Table.Th>
                      <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                    </Table.Th>
                  )}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.map((house) => (
                  <Table.Tr key={house.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/houses/${house.id}`} size="sm" fw={600}>
                        {house.name}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {house.code}
                        {house.location ? ` · ${house.location}` : ''}
                      </Text>
                    </Table.Td>
                    <Table.Td>{t(`houses.types.${house.type}`)}</Table.Td>
                    <Table.Td>{siteName(house.siteId) ?? '—'}</Table.Td>
                    <Table.Td ta="right">{house.maxGuests}</Table.Td>
                    {showPrices && (
                      <Table.Td ta="right">
                        {'nightlyPrice' in house ? money(house.nightlyPrice) : '—'}
                      </Table.Td>
                    )}
                    <Table.Td>
                      <StatusBadge house={house} />
                    </Table.Td>
                    <Table.Td>
                      <ReadinessBadge houseId={house.id} />
                    </Table.Td>
                    {canManage && (
                      <Table.Td ta="right">
                        <Group gap="xs" justify="flex-end" wrap="nowrap">
                          <ChannelsLink house={house} />
                          <Button
                            size="xs"
                            variant="subtle"
                            onClick={() => setEditing(house)}
                            aria-label={t('houses.editNamed', { name: house.name })}
                          >
                            {t('common.edit')}
                          </Button>
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}

      {canManage && <SitesCard />}

      <Modal
        opened={editing !== undefined}
        onClose={() => setEditing(undefined)}
        title={editing ? t('houses.editNamed', { name: editing.name }) : t('houses.new')}
        size="lg"
        fullScreen={phone}
      >
        {editing !== undefined && (
          <HouseForm
            key={editing?.id ?? 'new'}
            house={editing ?? undefined}
            onDone={() => setEditing(undefined)}
          />
        )}
      </Modal>
    </Stack>
  );
}

/** A house's channel sync (managers only), and the count of its conflicts when it has any. */
function ChannelsLink({ house }: { house: House }) {
  const { t } = useTranslation();
  const conflicts = useChannelConflicts();
  const count = conflicts.data?.filter((conflict) => conflict.houseId === house.id).length ?? 0;
  return (
    <Group gap={6} wrap="nowrap">
      <Button
        component={Link}
        to={`/houses/${house.id}/channels`}
        size="xs"
        variant="subtle"
        px={0}
        aria-label={t('channels.linkNamed', { name: house.name })}
      >
        {t('channels.link')}
      </Button>
      {count > 0 && (
        <Badge color="orange" variant="light">
          {t('channels.conflictCount', { count })}
        </Badge>
      )}
    </Group>
  );
}

function StatusBadge({ house }: { house: House }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={house.status === 'active' ? 'teal' : 'gray'}>
      {t(`houses.status.${house.status}`)}
    </Badge>
  );
}
