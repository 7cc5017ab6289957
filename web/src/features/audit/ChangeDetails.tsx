import {
  Anchor,
  Badge,
  Box,
  Code,
  Group,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  VisuallyHidden,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate, formatInstant } from '../../lib/dates.ts';
import { useMoney } from '../../lib/organization.ts';
import { useHouses } from '../houses/use-houses.ts';
import { useMembers } from '../members/use-members.ts';
import {
  type AuditEntry,
  centsToAmount,
  entityLink,
  entityName,
  fieldChanges,
  recorded,
  valueKind,
} from './audit.ts';

const ACTION_COLORS: Record<string, string> = {
  create: 'teal',
  update: 'blue',
  delete: 'red',
  status: 'violet',
};

/** An action in words; the colour only repeats it. */
export function ActionBadge({ action }: { action: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={ACTION_COLORS[action] ?? 'gray'} variant="light" style={{ flexShrink: 0 }}>
      {t(`audit.action.${action}`, { defaultValue: action })}
    </Badge>
  );
}

/** The entity type in the reader's language; a type the app does not know yet keeps its own name. */
export function useEntityTypeLabel() {
  const { t } = useTranslation();
  return (type: string) => t(`audit.entity.${type}`, { defaultValue: type });
}

/** Who made a change: a member's name, or the system (a channel sync, a scheduled job). */
export function useActorLabel() {
  const { t } = useTranslation();
  return (entry: Pick<AuditEntry, 'actorId' | 'actorName'>) =>
    entry.actorId === null ? t('audit.system') : (entry.actorName ?? t('audit.formerMember'));
}

/** The entity a row is about: its type, and its name linked to its page when the app has one. */
export function EntityCell({ entry }: { entry: AuditEntry }) {
  const entityType = useEntityTypeLabel();
  const name = useEntityLabel()(entry);
  const link = entityLink(entry);
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {entityType(entry.entityType)}
      </Text>
      {link ? (
        <Anchor component={Link} to={link} size="sm" style={{ overflowWrap: 'anywhere' }}>
          {name}
        </Anchor>
      ) : (
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {name}
        </Text>
      )}
    </Stack>
  );
}

/**
 * A name for an entity: the one it recorded, or else its house's (a contract,
 * a block, a channel), or else the start of its id.
 */
export function useEntityLabel() {
  const houses = useHouses();
  return (entry: AuditEntry) => {
    const houseId = recorded(entry, 'houseId');
    const house =
      typeof houseId === 'string'
        ? houses.data?.find((candidate) => candidate.id === houseId)?.name
        : undefined;
    return entityName(entry) ?? house ?? shortId(entry.entityId);
  };
}

/** The start of an id, enough to tell entities apart in a list. */
const shortId = (id: string) => (id.length > 13 ? `${id.slice(0, 8)}…` : id);

/** Writes a recorded value for people: money in the organization's currency, yes/no, dates, names for ids. */
function useValueText() {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  const houses = useHouses();
  const members = useMembers();
  const language = i18n.resolvedLanguage;
  const houseName = (id: string) => houses.data?.find((house) => house.id === id)?.name;
  const memberName = (id: string) => members.data?.find((member) => member.userId === id)?.name;
  return (field: string, value: unknown): string => {
    const kind = valueKind(field, value);
    switch (kind.kind) {
      case 'none':
        return '—';
      case 'boolean':
        return kind.value ? t('audit.yes') : t('audit.no');
      case 'money':
        return money(centsToAmount(kind.cents));
      case 'instant':
        return formatInstant(kind.value, language);
      case 'date':
        return formatDate(kind.value, language, { day: 'numeric', month: 'short', year: 'numeric' });
      case 'number':
        return kind.value.toLocaleString(language);
      case 'text': {
        // An id of a house or a member reads better as its name, the id beside it.
        const named =
          field === 'houseId'
            ? houseName(kind.value)
            : /(By|UserId|^userId)$/.test(field)
              ? memberName(kind.value)
              : undefined;
        return named ? `${named} (${shortId(kind.value)})` : kind.value;
      }
    }
  };
}

/**
 * A change as a diff: the entry's facts (when, who, what, the request), then
 * a table of fields with the value before and after. An update shows the
 * fields that changed unless asked for every field; a changed value is
 * struck out before and underlined after, and said so in words to screen
 * readers, not only coloured.
 */
export function ChangeDetails({ entry }: { entry: AuditEntry }) {
  const { t, i18n } = useTranslation();
  const [every, setEvery] = useState(false);
  const entityType = useEntityTypeLabel();
  const actor = useActorLabel();
  const valueText = useValueText();
  const oneSided = entry.before === null || entry.after === null;
  const changes = fieldChanges(entry, every);
  const changedCount = fieldChanges(entry).length;
  const fieldLabel = (field: string) => t(`audit.fields.${field}`, { defaultValue: field });
  const facts = [
    { label: t('audit.columns.when'), value: formatInstant(entry.at, i18n.resolvedLanguage) },
    { label: t('audit.columns.who'), value: actor(entry) },
    { label: t('audit.entityId'), value: entry.entityId, code: true },
    {
      label: t('audit.requestId'),
      value: entry.requestId ?? t('audit.noRequest'),
      code: entry.requestId !== null,
    },
  ];

  return (
    <Stack gap="md">
      <Group gap="xs">
        <ActionBadge action={entry.action} />
        <EntityCell entry={entry} />
      </Group>
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs" verticalSpacing="xs" component="dl" m={0}>
        {facts.map((fact) => (
          <Box key={fact.label}>
            <Text component="dt" size="xs" c="dimmed">
              {fact.label}
            </Text>
            <Text component="dd" m={0} size="sm" style={{ overflowWrap: 'anywhere' }}>
              {fact.code ? <Code>{fact.value}</Code> : fact.value}
            </Text>
          </Box>
        ))}
      </SimpleGrid>

      {!oneSided && (
        <Group justify="space-between" gap="xs">
          <Text size="sm" aria-live="polite">
            {t('audit.diff.changedCount', { count: changedCount })}
          </Text>
          <Switch
            label={t('audit.diff.every')}
            checked={every}
            onChange={(event) => setEvery(event.currentTarget.checked)}
          />
        </Group>
      )}

      {changes.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('audit.diff.nothing')}
        </Text>
      ) : (
        <Table
          layout="fixed"
          verticalSpacing={6}
          horizontalSpacing="xs"
          withTableBorder
          withColumnBorders
          data-diff
        >
          <Table.Caption style={{ captionSide: 'top', textAlign: 'start' }}>
            {t(oneSided ? 'audit.diff.captionOne' : 'audit.diff.caption', {
              entity: entityType(entry.entityType),
            })}
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th style={{ width: oneSided ? '40%' : '36%' }}>{t('audit.diff.field')}</Table.Th>
              {entry.before !== null && <Table.Th>{t('audit.diff.before')}</Table.Th>}
              {entry.after !== null && <Table.Th>{t('audit.diff.after')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {changes.map((change) => {
              // A creation has nothing before, a deletion nothing after: their tables leave that
              // column out, and only an update marks cells.
              const marked = change.changed && !oneSided;
              return (
                <Table.Tr
                  key={change.field}
                  data-field={change.field}
                  data-changed={change.changed || undefined}
                >
                  <Table.Th scope="row" fw={500} style={{ overflowWrap: 'break-word', hyphens: 'auto' }}>
                    <Text size="sm" fw={500} component="span">
                      {fieldLabel(change.field)}
                    </Text>
                    {marked && every && (
                      <Text component="span" size="xs" c="dimmed" display="block">
                        {t('audit.diff.changed')}
                      </Text>
                    )}
                  </Table.Th>
                  {entry.before !== null && (
                    <Table.Td
                      data-before
                      style={{
                        overflowWrap: 'anywhere',
                        background: marked ? 'var(--mantine-color-red-light)' : undefined,
                      }}
                    >
                      {marked ? (
                        <del>
                          <VisuallyHidden>{t('audit.diff.removed')} </VisuallyHidden>
                          {valueText(change.field, change.before)}
                        </del>
                      ) : (
                        valueText(change.field, change.before)
                      )}
                    </Table.Td>
                  )}
                  {entry.after !== null && (
                    <Table.Td
                      data-after
                      style={{
                        overflowWrap: 'anywhere',
                        background: marked ? 'var(--mantine-color-green-light)' : undefined,
                      }}
                    >
                      {marked ? (
                        <ins>
                          <VisuallyHidden>{t('audit.diff.added')} </VisuallyHidden>
                          {valueText(change.field, change.after)}
                        </ins>
                      ) : (
                        valueText(change.field, change.after)
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
