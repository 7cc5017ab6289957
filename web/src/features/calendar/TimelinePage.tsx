import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Title,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import {
  type CSSProperties,
  type KeyboardEvent,
  type ReactNode,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { EmptyState, ErrorState, LoadingState } from '../../components/States.tsx';
import { channelSourceValues } from '../../lib/api/client.ts';
import {
  type CalendarDate,
  datesOf,
  formatDate,
  formatMonth,
  isWeekend,
  monthStart,
  nightsBetween,
  shiftDate,
} from '../../lib/dates.ts';
import { errorSummary } from '../../lib/form-errors.ts';
import { useCanManage, useToday } from '../../lib/organization.ts';
import { useSearchParam } from '../../lib/search-params.ts';
import { ChannelMark, isChannelSource } from '../channels/ChannelMark.tsx';
import { ReadinessDot } from '../checklists/ReadinessBadge.tsx';
import { useSites } from '../houses/use-houses.ts';
import { WorkOrderForm } from '../maintenance/WorkOrderForm.tsx';
import { ReservationForm } from '../reservations/ReservationForm.tsx';
import {
  type Block,
  type Calendar,
  type Reservation,
  useCalendar,
} from '../reservations/use-reservations.ts';
import { BlockDetails, BlockForm } from './BlockForm.tsx';
import classes from './Timeline.module.css';

type CalendarHouse = Calendar['houses'][number];
interface Selection {
  houseId: string;
  anchor: CalendarDate;
  current: CalendarDate;
}
/** Nights [start, end) of one house picked on the timeline. */
export interface PickedRange {
  houseId: string;
  start: CalendarDate;
  end: CalendarDate;
}

const MONTH = /^\d{4}-\d{2}$/;

/**
 * The multi-house timeline: houses as rows, the days of a month as columns,
 * stays and blocks as bars from the middle of their first day to the middle
 * of their last (so a same-day turnover shows as two bars meeting). Managers
 * press and drag over free days (or tap one) to create a stay or a block.
 */
export function TimelinePage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const canManage = useCanManage();
  const today = useToday();
  const sites = useSites();
  const phone = useMediaQuery('(max-width: 36em)');
  const [params, setParam] = useSearchParam();
  const monthParam = params.get('month');
  const from = monthParam && MONTH.test(monthParam) ? `${monthParam}-01` : monthStart(today);
  const to = monthStart(from, 1);
  const siteId = params.get('site');
  const calendar = useCalendar({ from, to, siteId });
  const days = useMemo(() => datesOf(from, to), [from, to]);

  const scroller = useRef<HTMLElement>(null);
  const loaded = calendar.isSuccess;
  // Opening a month that holds today scrolls today into view, two days in from the house names.
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new month (from) is what triggers the scroll
  useEffect(() => {
    const element = scroller.current;
    const todayHead = element?.querySelector<HTMLElement>('[aria-current="date"]');
    const names = element?.querySelector<HTMLElement>(`.${classes.name}`);
    if (!element || !loaded) return;
    element.scrollLeft =
      todayHead && names ? todayHead.offsetLeft - names.offsetWidth - 2 * todayHead.offsetWidth : 0;
  }, [loaded, from]);

  const [selection, setSelection] = useState<Selection | null>(null);
  const [picked, setPicked] = useState<PickedRange | null>(null);
  const [creating, setCreating] = useState(false);
  const [openBlock, setOpenBlock] = useState<Block | null>(null);
  // The stay a dialog just created: its bar takes the focus, which the dialog's trigger (a free day
  // that is now taken) can no longer hold.
  const [createdStayId, setCreatedStayId] = useState<string | null>(null);

  const goToMonth = (date: CalendarDate) => setParam('month', date.slice(0, 7));

  // A press that ends anywhere (even off the grid) finishes the selection; a scroll gesture cancels it.
  useEffect(() => {
    if (!selection) return;
    const finish = () => {
      const [start, last] = [selection.anchor, selection.current].sort() as [string, string];
      setPicked({ houseId: selection.houseId, start, end: shiftDate(last, 1) });
      setSelection(null);
    };
    const cancel = () => setSelection(null);
    window.addEventListener('pointerup', finish);
    window.addEventListener('pointercancel', cancel);
    return () => {
      window.removeEventListener('pointerup', finish);
      window.removeEventListener('pointercancel', cancel);
    };
  }, [selection]);

  const inSelection = (houseId: string, date: CalendarDate) => {
    if (selection?.houseId !== houseId) return false;
    const [start, last] = [selection.anchor, selection.current].sort() as [string, string];
    return date >= start && date <= last;
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Stack gap={4}>
          <Title order={2}>{t('calendar.title')}</Title>
          <Text c="dimmed" size="sm">
            {canManage ? t('calendar.hintManager') : t('calendar.hint')}
          </Text>
        </Stack>
        <Group gap="xs" wrap="wrap" align="flex-end">
          {canManage && <Button onClick={() => setCreating(true)}>{t('calendar.newReservation')}</Button>}
          {(sites.data?.length ?? 0) > 0 && (
            <Select
              aria-label={t('houses.fields.site')}
              placeholder={t('houses.allSites')}
              data={(sites.data ?? []).map((site) => ({ value: site.id, label: site.name }))}
              value={siteId}
              onChange={(value) => setParam('site', value)}
              clearable
              w={180}
            />
          )}
          <Button.Group>
            <Button
              variant="default"
              onClick={() => goToMonth(monthStart(from, -1))}
              aria-label={t('calendar.previous')}
            >
              ‹
            </Button>
            <Button variant="default" onClick={() => setParam('month', null)}>
              {t('calendar.today')}
            </Button>
            <Button
              variant="default"
              onClick={() => goToMonth(monthStart(from, 1))}
              aria-label={t('calendar.next')}
            >
              ›
            </Button>
          </Button.Group>
        </Group>
      </Group>

      <Group gap="xs" justify="space-between">
        <Group gap="xs">
          <Title order={3} size="h4" tt="capitalize" aria-live="polite">
            {formatMonth(from, i18n.resolvedLanguage)}
          </Title>
          {calendar.isFetching && <Loader size="xs" aria-label={t('state.loading')} />}
        </Group>
        <Legend />
      </Group>

      {calendar.isPending ? (
        <LoadingState />
      ) : calendar.isError ? (
        <ErrorState message={errorSummary(t, calendar.error)} onRetry={() => calendar.refetch()} />
      ) : calendar.data.houses.length === 0 ? (
        <Card withBorder>
          <EmptyState title={t('calendar.noHouses')}>
            {canManage ? t('calendar.noHousesHint') : null}
          </EmptyState>
        </Card>
      ) : (
        <section
          ref={scroller}
          className={classes.scroller}
          style={{ '--days': days.length } as CSSProperties}
          aria-label={t('calendar.gridLabel', { month: formatMonth(from, i18n.resolvedLanguage) })}
          // While another month loads, the previous one stays on screen: say it is not the one asked for yet.
          aria-busy={calendar.isFetching}
          aria-describedby="timeline-keys"
        >
          <VisuallyHidden id="timeline-keys">{t('calendar.keyboardHint')}</VisuallyHidden>
          <div className={`${classes.row} ${classes.head}`}>
            <div className={classes.name}>
              <Text size="xs" c="dimmed">
                {t('calendar.house')}
              </Text>
            </div>
            {days.map((date) => (
              <div
                key={date}
                className={[
                  classes.dayHead,
                  isWeekend(date) && classes.weekend,
                  date === today && classes.today,
                ]
                  .filter(Boolean)
                  .join(' ')}
                aria-current={date === today ? 'date' : undefined}
              >
                <span>{formatDate(date, i18n.resolvedLanguage, { weekday: 'narrow' })}</span>
                <strong>{Number(date.slice(8))}</strong>
              </div>
            ))}
          </div>
          {calendar.data.houses.map((house) => (
            <HouseRow
              key={house.houseId}
              house={house}
              from={from}
              days={days}
              today={today}
              selectable={canManage}
              inSelection={(date) => inSelection(house.houseId, date)}
              onPress={(date) => setSelection({ houseId: house.houseId, anchor: date, current: date })}
              onEnter={(date) =>
                setSelection((current) =>
                  current?.houseId === house.houseId ? { ...current, current: date } : current,
                )
              }
              onKeyboardPick={(date) =>
                setPicked({ houseId: house.houseId, start: date, end: shiftDate(date, 1) })
              }
              onOpenStay={(id) => navigate(`/reservations/${id}`)}
              onOpenBlock={setOpenBlock}
              focusStayId={createdStayId}
              onStayFocused={() => setCreatedStayId(null)}
            />
          ))}
        </section>
      )}

      <Modal
        opened={picked !== null}
        onClose={() => setPicked(null)}
        title={t('calendar.newTitle')}
        size="lg"
        fullScreen={phone}
      >
        {picked && (
          <NewOnTimeline
            picked={picked}
            onDone={(stay) => {
              setPicked(null);
              if (stay) setCreatedStayId(stay.id);
            }}
          />
        )}
      </Modal>
      <Modal
        opened={creating}
        onClose={() => setCreating(false)}
        title={t('calendar.newReservation')}
        size="lg"
        fullScreen={phone}
      >
        {creating && (
          <ReservationForm
            onDone={(stay) => {
              setCreating(false);
              // A stay in another month has no bar here: the focus goes back to this dialog's button.
              if (stay.checkIn < to && stay.checkOut > from) setCreatedStayId(stay.id);
            }}
          />
        )}
      </Modal>
      <Modal opened={openBlock !== null} onClose={() => setOpenBlock(null)} title={t('blocks.title')}>
        {openBlock && <BlockDetails block={openBlock} onDone={() => setOpenBlock(null)} />}
      </Modal>
    </Stack>
  );
}

function HouseRow({
  house,
  from,
  days,
  today,
  selectable,
  inSelection,
  onPress,
  onEnter,
  onKeyboardPick,
  onOpenStay,
  onOpenBlock,
  focusStayId,
  onStayFocused,
}: {
  house: CalendarHouse;
  from: CalendarDate;
  days: CalendarDate[];
  today: CalendarDate;
  selectable: boolean;
  inSelection: (date: CalendarDate) => boolean;
  onPress: (date: CalendarDate) => void;
  onEnter: (date: CalendarDate) => void;
  onKeyboardPick: (date: CalendarDate) => void;
  onOpenStay: (id: string) => void;
  onOpenBlock: (block: Block) => void;
  focusStayId: string | null;
  onStayFocused: () => void;
}) {
  const { t, i18n } = useTranslation();
  // One Tab stop per row: the cell last focused in it (the house name at first); arrows do the rest.
  const [lastFocused, setLastFocused] = useState('house');
  const stays = house.reservations ?? [];
  const blocks = house.blocks ?? [];
  const occupied = useMemo(() => {
    const nights = new Set<string>();
    for (const range of [
      ...stays.map((stay) => [stay.checkIn, stay.checkOut]),
      ...blocks.map((block) => [block.start, block.end]),
    ] as [string, string][]) {
      for (const night of datesOf(range[0] < from ? from : range[0], range[1])) nights.add(night);
    }
    return nights;
  }, [stays, blocks, from]);
  const cellKeys = [
    'readiness',
    'house',
    ...(selectable ? days.filter((date) => !occupied.has(date)) : []),
    ...stays.map((stay) => stay.id),
    ...blocks.map((block) => block.id),
  ];
  // A cell that is gone (a free day just taken) hands the Tab stop back to the house name.
  const tabStop = cellKeys.includes(lastFocused) ? lastFocused : 'house';
  const cell = (key: string, order: number) => ({
    'data-cell': key,
    'data-order': order,
    tabIndex: key === tabStop ? 0 : -1,
  });

  return (
    // biome-ignore lint/a11y/useSemanticElements: a row of days named by its house, not a set of form fields
    <div
      className={classes.row}
      role="group"
      aria-label={house.name}
      onKeyDown={moveFocusWithArrows}
      onFocus={(event) => {
        const key = (event.target as HTMLElement).dataset.cell;
        if (key) setLastFocused(key);
      }}
    >
      <div className={classes.name}>
        <Group gap={6} wrap="nowrap">
          <ReadinessDot houseId={house.houseId} cell={cell('readiness', -2)} />
          {/* A long name is cut to the column: the tooltip shows it whole, on hover and on focus. */}
          <Tooltip label={`${house.name} · ${house.code}`} events={TOOLTIP_EVENTS}>
            <Anchor
              component={Link}
              to={`/houses/${house.houseId}/checklist`}
              size="sm"
              fw={600}
              c="inherit"
              truncate
              {...cell('house', -1)}
            >
              {house.name}
            </Anchor>
          </Tooltip>
        </Group>
        <Text size="xs" c="dimmed" truncate>
          {house.code}
        </Text>
      </div>
      {days.map((date, index) => {
        const free = !occupied.has(date);
        const canPick = selectable && free;
        const className = [
          classes.cell,
          isWeekend(date) && classes.weekend,
          date === today && classes.today,
          canPick && classes.selectable,
          inSelection(date) && classes.selected,
        ]
          .filter(Boolean)
          .join(' ');
        const label = `${house.name}, ${formatDate(date, i18n.resolvedLanguage)}: ${free ? t('calendar.free') : t('calendar.taken')}`;
        return canPick ? (
          <button
            key={date}
            type="button"
            className={className}
            aria-label={label}
            {...cell(date, index)}
            onPointerDown={(event) => {
              if (event.button === 0) onPress(date);
            }}
            onPointerEnter={() => onEnter(date)}
            // Pointer presses are handled above; a click with no pointer (detail 0) is the keyboard's.
            onClick={(event) => {
              if (event.detail === 0) onKeyboardPick(date);
            }}
          />
        ) : (
          <div key={date} className={className} />
        );
      })}
      {stays.map((stay) => {
        const channel = isChannelSource(stay.source) ? stay.source : null;
        return (
          <Bar
            key={stay.id}
            from={from}
            days={days.length}
            start={stay.checkIn}
            end={stay.checkOut}
            className={classes[stay.status]}
            label={stay.guestName}
            // A stay from a channel carries its mark, and its name in words for whoever does not see the mark.
            mark={channel && <ChannelMark source={channel} />}
            details={[
              `${formatDate(stay.checkIn, i18n.resolvedLanguage)} → ${formatDate(stay.checkOut, i18n.resolvedLanguage)}`,
              t(`reservations.status.${stay.status}`),
              ...(channel ? [t(`channels.sources.${channel}`)] : []),
            ].join(' · ')}
            onClick={() => onOpenStay(stay.id)}
            cell={cell(stay.id, barOrder(from, stay.checkIn))}
            takeFocus={stay.id === focusStayId}
            onFocusTaken={onStayFocused}
          />
        );
      })}
      {blocks.map((block) => (
        <Bar
          key={block.id}
          from={from}
          days={days.length}
          start={block.start}
          end={block.end}
          className={block.kind === 'channel' ? classes.channelBlock : classes.block}
          label={block.note || t(`blocks.kind.${block.kind}`)}
          details={`${block.note ? `${t(`blocks.kind.${block.kind}`)} · ` : ''}${formatDate(block.start, i18n.resolvedLanguage)} → ${formatDate(block.end, i18n.resolvedLanguage)}`}
          onClick={() => onOpenBlock(block)}
          cell={cell(block.id, barOrder(from, block.start))}
        />
      ))}
    </div>
  );
}

/** A roving-tabindex cell of a timeline row: its key, its place from left to right, its Tab stop. */
interface RovingCell {
  'data-cell': string;
  'data-order': number;
  tabIndex: number;
}

/** A bar comes after the day it starts on (it is drawn from that day's middle), or first if it started earlier. */
const barOrder = (from: CalendarDate, start: CalendarDate) =>
  Math.max(nightsBetween(from, start), -0.5) + 0.5;

const cellsOf = (row: Element | null) =>
  [...(row?.querySelectorAll<HTMLElement>('[data-cell]') ?? [])].sort(
    (a, b) => Number(a.dataset.order) - Number(b.dataset.order),
  );

/**
 * The timeline's keyboard: Left and Right move along a house's row (name, free days and bars, in
 * the order they are drawn), Home and End to its ends, Up and Down to the nearest cell of the house
 * above or below. Each row is then a single Tab stop instead of one per free day.
 */
function moveFocusWithArrows(event: KeyboardEvent<HTMLDivElement>) {
  const current = event.target as HTMLElement;
  if (!current.dataset.cell) return;
  const row = event.currentTarget;
  const cells = cellsOf(row);
  const index = cells.indexOf(current);
  let target: HTMLElement | undefined;
  switch (event.key) {
    case 'ArrowRight':
      target = cells[index + 1];
      break;
    case 'ArrowLeft':
      target = cells[index - 1];
      break;
    case 'Home':
      target = cells[0];
      break;
    case 'End':
      target = cells.at(-1);
      break;
    case 'ArrowUp':
    case 'ArrowDown': {
      const order = Number(current.dataset.order);
      const neighbours = cellsOf(
        event.key === 'ArrowUp' ? row.previousElementSibling : row.nextElementSibling,
      );
      target = neighbours.reduce<HTMLElement | undefined>(
        (best, candidate) =>
          best &&
          Math.abs(Number(best.dataset.order) - order) <= Math.abs(Number(candidate.dataset.order) - order)
            ? best
            : candidate,
        undefined,
      );
      break;
    }
    default:
      return;
  }
  event.preventDefault();
  target?.focus();
}

/** Tooltips show on hover and on keyboard focus alike. */
const TOOLTIP_EVENTS = { hover: true, focus: true, touch: false };

/**
 * A stay or block drawn over its nights, clipped at the month's edges. Its
 * label (a guest's name) is cut to the bar's width: the tooltip shows it whole
 * with the details, and the accessible name starts with the label as shown.
 */
function Bar(props: {
  from: CalendarDate;
  days: number;
  start: CalendarDate;
  end: CalendarDate;
  className: string | undefined;
  label: string;
  /** Drawn before the label; the accessible name is the label and the details. */
  mark?: ReactNode;
  details: string;
  onClick: () => void;
  cell: RovingCell;
  takeFocus?: boolean;
  onFocusTaken?: () => void;
}) {
  const button = useRef<HTMLButtonElement>(null);
  const { takeFocus, onFocusTaken } = props;
  useEffect(() => {
    if (!takeFocus) return;
    button.current?.focus();
    onFocusTaken?.();
  }, [takeFocus, onFocusTaken]);
  const startIndex = nightsBetween(props.from, props.start);
  const endIndex = nightsBetween(props.from, props.end);
  const clippedStart = startIndex < 0;
  const clippedEnd = endIndex + 0.5 > props.days;
  const left = clippedStart ? 0 : startIndex + 0.5;
  const right = clippedEnd ? props.days : endIndex + 0.5;
  const name = `${props.label} · ${props.details}`;
  return (
    <Tooltip
      label={
        <>
          <Text size="sm" fw={600}>
            {props.label}
          </Text>
          <Text size="xs">{props.details}</Text>
        </>
      }
      events={TOOLTIP_EVENTS}
      multiline
      maw={280}
    >
      <button
        ref={button}
        type="button"
        {...props.cell}
        className={[
          classes.bar,
          props.className,
          clippedStart && classes.clippedStart,
          clippedEnd && classes.clippedEnd,
        ]
          .filter(Boolean)
          .join(' ')}
        style={{
          left: `calc(var(--name-width) + var(--day-width) * ${left} + 1px)`,
          width: `calc(var(--day-width) * ${right - left} - 2px)`,
        }}
        aria-label={name}
        onClick={props.onClick}
      >
        {props.mark}
        {props.label}
      </button>
    </Tooltip>
  );
}

function Legend() {
  const { t } = useTranslation();
  return (
    <Group gap={6} visibleFrom="sm">
      {(['pending', 'confirmed', 'checked_in', 'checked_out'] as const).map((status) => (
        <Badge key={status} className={classes[status]} variant="filled" size="sm" radius="sm">
          {t(`reservations.status.${status}`)}
        </Badge>
      ))}
      <Badge className={classes.block} variant="filled" size="sm" radius="sm">
        {t('blocks.title')}
      </Badge>
      <Badge className={classes.channelBlock} variant="filled" size="sm" radius="sm">
        {t('blocks.kind.channel')}
      </Badge>
      {channelSourceValues.map((source) => (
        <Group key={source} gap={0} wrap="nowrap">
          <ChannelMark source={source} />
          <Text size="xs">{t(`channels.sources.${source}`)}</Text>
        </Group>
      ))}
    </Group>
  );
}

/** What picking days on the timeline opens: a new stay, or a block of the same nights. */
function NewOnTimeline({
  picked,
  onDone,
}: {
  picked: PickedRange;
  /** With the stay, when one was created (a block brings none). */
  onDone: (stay?: Reservation) => void;
}) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<'stay' | 'block' | 'workOrder'>('stay');
  return (
    <Stack gap="md">
      <SegmentedControl
        value={kind}
        onChange={(value) => setKind(value as 'stay' | 'block' | 'workOrder')}
        data={[
          { value: 'stay', label: t('calendar.newStay') },
          { value: 'block', label: t('calendar.newBlock') },
          { value: 'workOrder', label: t('calendar.newWorkOrder') },
        ]}
      />
      {kind === 'stay' ? (
        <ReservationForm
          initial={{ houseId: picked.houseId, checkIn: picked.start, checkOut: picked.end }}
          onDone={onDone}
        />
      ) : kind === 'block' ? (
        <BlockForm picked={picked} onDone={() => onDone()} />
      ) : (
        // A work order that keeps the house off the calendar: its block covers the nights picked.
        <WorkOrderForm
          defaults={{ houseId: picked.houseId, block: { start: picked.start, end: picked.end } }}
          onDone={() => onDone()}
        />
      )}
    </Stack>
  );
}
