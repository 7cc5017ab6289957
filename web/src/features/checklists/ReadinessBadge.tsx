import { Badge, Box, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useReadiness } from './use-checklists.ts';

/** A house's readiness, from its round (every house has one from the moment it exists). */
function useHouseReadiness(houseId: string) {
  const readiness = useReadiness();
  const entry = readiness.data?.get(houseId);
  return {
    // A house created since the list was fetched shows nothing until the next fetch.
    known: entry !== undefined,
    ready: entry?.ready ?? false,
    done: entry?.done ?? 0,
    total: entry?.total ?? 0,
  };
}

/** "Ready" or "To clean 3/18", linking to the house's checklist. */
export function ReadinessBadge({ houseId }: { houseId: string }) {
  const { t } = useTranslation();
  const state = useHouseReadiness(houseId);
  if (!state.known) return null;
  return (
    <Badge
      component={Link}
      to={`/houses/${houseId}/checklist`}
      color={state.ready ? 'teal' : 'orange'}
      variant="light"
      style={{ cursor: 'pointer' }}
    >
      {state.ready
        ? t('checklist.readyShort')
        : t('checklist.toClean', { done: state.done, total: state.total })}
    </Badge>
  );
}

/** The same as a dot, where a badge does not fit (the calendar's house column). */
export function ReadinessDot({
  houseId,
  cell,
}: {
  houseId: string;
  /** Where the dot sits in a row navigated with the arrow keys (the calendar's). */
  cell?: { tabIndex: number; 'data-cell': string; 'data-order': number };
}) {
  const { t } = useTranslation();
  const state = useHouseReadiness(houseId);
  if (!state.known) return null;
  const label = state.ready
    ? t('checklist.readyShort')
    : t('checklist.toClean', { done: state.done, total: state.total });
  return (
    <Tooltip label={label}>
      <Box
        component={Link}
        to={`/houses/${houseId}/checklist`}
        aria-label={label}
        {...cell}
        w={10}
        h={10}
        style={{
          display: 'inline-block',
          borderRadius: '50%',
          flexShrink: 0,
          // A graphic that carries meaning: the filled shade keeps 3:1 against the white row.
          background: `var(--mantine-color-${state.ready ? 'teal' : 'orange'}-filled)`,
        }}
      />
    </Tooltip>
  );
}
