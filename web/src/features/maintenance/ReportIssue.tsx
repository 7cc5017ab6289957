import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  FileButton,
  Group,
  Modal,
  Progress,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { uploadRefusalText } from '../../components/Attachments.tsx';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { errorSummary } from '../../lib/form-errors.ts';
import { shrinkPhoto } from '../../lib/photo.ts';
import { useAuth } from '../auth/AuthProvider.tsx';
import { useHouses } from '../houses/use-houses.ts';
import {
  discardReport,
  type PendingReport,
  queueReport,
  retryReport,
  usePendingReports,
  useReport,
  whenReportDelivered,
} from './report-queue.ts';
import { typeLabel, useMaintenanceTypes } from './use-maintenance.ts';

const TITLE_MAX = 200;
/** Big enough for a thumb: every control of the flow is at least this tall (WCAG 2.5.5 asks 44 px). */
const TOUCH = 52;

type Step = 'house' | 'type' | 'text' | 'photo' | 'sent';

/** A big choice whose long label wraps, the button growing with it. */
const WRAPPING = {
  inner: { height: 'auto' },
  label: { whiteSpace: 'normal', textAlign: 'center', lineHeight: 1.25, overflow: 'visible' },
} as const;

/**
 * "Report a problem" on a cleaner's phone: the type (big buttons), one line,
 * then a photo or not — sent at once. With the house known (its checklist),
 * that is three taps; from the day's page the house is asked first.
 */
export function ReportIssueButton({
  houseId,
  houseName,
  suggestedHouseIds,
  fullWidth,
}: {
  houseId?: string;
  houseName?: string;
  /** Houses to offer first when the house is asked (the day's turnovers). */
  suggestedHouseIds?: string[];
  fullWidth?: boolean;
}) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 36em)');
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        variant="light"
        color="orange"
        onClick={() => setOpen(true)}
        fullWidth={fullWidth}
        mih={44}
        aria-label={houseName ? t('maintenance.report.buttonNamed', { house: houseName }) : undefined}
      >
        {t('maintenance.report.button')}
      </Button>
      <Modal
        opened={open}
        onClose={() => setOpen(false)}
        title={
          houseName ? t('maintenance.report.titleNamed', { house: houseName }) : t('maintenance.report.title')
        }
        fullScreen={phone}
        size="md"
      >
        {open && (
          <ReportFlow
            houseId={houseId}
            suggestedHouseIds={suggestedHouseIds}
            onClose={() => setOpen(false)}
          />
        )}
      </Modal>
    </>
  );
}

function ReportFlow({
  houseId: presetHouseId,
  suggestedHouseIds = [],
  onClose,
}: {
  houseId?: string;
  suggestedHouseIds?: string[];
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const auth = useAuth();
  const houses = useHouses();
  const types = useMaintenanceTypes();
  const active = (houses.data ?? []).filter((house) => house.status === 'active');
  const onlyHouse = active.length === 1 ? active[0]?.id : undefined;
  // The house is asked only when it is not known: not preset (the checklist's), and not the only one.
  const askHouse = !presetHouseId && !onlyHouse;
  const [houseId, setHouseId] = useState<string | undefined>(presetHouseId);
  const chosenHouse = houseId ?? onlyHouse;
  const [step, setStep] = useState<Step>(presetHouseId ? 'type' : 'house');
  const [type, setType] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [urgent, setUrgent] = useState(false);
  const [titleError, setTitleError] = useState<string | null>(null);
  const [preparing, setPreparing] = useState(false);
  const [reportId, setReportId] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  // Each step says where the person is: its heading takes the focus (the first one is the dialog's).
  const firstStep = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new step is what moves the focus
  useEffect(() => {
    if (firstStep.current) {
      firstStep.current = false;
      return;
    }
    heading.current?.focus();
  }, [step]);

  // Until the houses are known, whether to ask for one is not.
  if (!presetHouseId && houses.isPending) return <LoadingState />;
  if (!presetHouseId && houses.isError)
    return <ErrorState message={errorSummary(t, houses.error)} onRetry={() => houses.refetch()} />;
  const shownStep = step === 'house' && !askHouse ? 'type' : step;
  const numbered: Step[] = askHouse ? ['house', 'type', 'text', 'photo'] : ['type', 'text', 'photo'];
  const stepNumber = numbered.indexOf(shownStep) + 1;

  const send = (photo: File | null) => {
    const organizationId = auth.organization?.organizationId;
    const userId = auth.user?.id;
    const house = houses.data?.find((candidate) => candidate.id === chosenHouse);
    if (!organizationId || !userId || !chosenHouse || !type) return;
    setReportId(
      queueReport({
        userId,
        organizationId,
        houseName: house?.name ?? '',
        body: {
          houseId: chosenHouse,
          type,
          title: title.trim(),
          ...(urgent ? { priority: 'urgent' as const } : {}),
        },
        photo,
      }),
    );
    setStep('sent');
  };

  const header = (text: string) => (
    <Stack gap={2}>
      {stepNumber > 0 && (
        <Text size="sm" c="dimmed">
          {t('maintenance.report.step', { step: stepNumber, count: numbered.length })}
        </Text>
      )}
      <Title order={3} size="h4" ref={heading} tabIndex={-1} style={{ outline: 'none' }}>
        {text}
      </Title>
    </Stack>
  );

  if (shownStep === 'house') {
    const ordered = [
      ...active.filter((house) => suggestedHouseIds.includes(house.id)),
      ...active.filter((house) => !suggestedHouseIds.includes(house.id)),
    ];
    return (
      <Stack gap="md">
        {header(t('maintenance.report.whichHouse'))}
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          {ordered.map((house) => (
            <Button
              key={house.id}
              variant="default"
              size="lg"
              h="auto"
              mih={TOUCH + 8}
              py="xs"
              styles={WRAPPING}
              onClick={() => {
                setHouseId(house.id);
                setStep('type');
              }}
            >
              {house.name}
            </Button>
          ))}
        </SimpleGrid>
      </Stack>
    );
  }

  if (shownStep === 'type') {
    const offered = (types.data ?? []).filter((candidate) => candidate.active);
    return (
      <Stack gap="md">
        {header(t('maintenance.report.whatKind'))}
        {types.isPending ? (
          <LoadingState />
        ) : types.isError ? (
          <ErrorState message={errorSummary(t, types.error)} onRetry={() => types.refetch()} />
        ) : (
          <SimpleGrid cols={2} spacing="sm">
            {offered.map((candidate) => (
              <Button
                key={candidate.code}
                variant={type === candidate.code ? 'filled' : 'default'}
                size="lg"
                h="auto"
                mih={TOUCH + 12}
                py="xs"
                styles={WRAPPING}
                onClick={() => {
                  setType(candidate.code);
                  setStep('text');
                }}
              >
                {typeLabel(types.data, candidate.code, i18n.resolvedLanguage)}
              </Button>
            ))}
          </SimpleGrid>
        )}
        {askHouse && (
          <Button variant="subtle" mih={44} onClick={() => setStep('house')}>
            ← {t('common.back')}
          </Button>
        )}
      </Stack>
    );
  }

  if (shownStep === 'text') {
    const next = () => {
      const text = title.trim();
      if (!text) return setTitleError(t('maintenance.report.titleRequired'));
      if (text.length > TITLE_MAX) return setTitleError(t('errors.too-long', { count: TITLE_MAX }));
      setTitleError(null);
      setStep('photo');
    };
    return (
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          next();
        }}
      >
        <Stack gap="md">
          {header(t('maintenance.report.whatIsWrong'))}
          <TextInput
            label={t('maintenance.report.oneLine')}
            description={t('maintenance.report.oneLineHint', {
              type: typeLabel(types.data, type ?? '', i18n.resolvedLanguage),
            })}
            size="lg"
            value={title}
            maxLength={TITLE_MAX}
            onChange={(event) => {
              setTitle(event.currentTarget.value);
              setTitleError(null);
            }}
            error={titleError}
            required
            data-autofocus
            enterKeyHint="next"
          />
          <Checkbox
            size="lg"
            checked={urgent}
            onChange={(event) => setUrgent(event.currentTarget.checked)}
            label={t('maintenance.report.urgent')}
            description={t('maintenance.report.urgentHint')}
            styles={{ body: { minHeight: 44, alignItems: 'center' } }}
          />
          <Button type="submit" size="lg" h={TOUCH} fullWidth>
            {t('maintenance.report.next')}
          </Button>
          <Button variant="subtle" mih={44} onClick={() => setStep('type')}>
            ← {t('common.back')}
          </Button>
        </Stack>
      </form>
    );
  }

  if (shownStep === 'photo') {
    return (
      <Stack gap="md">
        {header(t('maintenance.report.addPhoto'))}
        <Text size="sm" c="dimmed">
          {t('maintenance.report.photoHint')}
        </Text>
        <FileButton
          accept="image/*"
          capture="environment"
          onChange={async (file) => {
            if (!file) return;
            setPreparing(true);
            const photo = await shrinkPhoto(file);
            setPreparing(false);
            send(photo);
          }}
        >
          {(props) => (
            <Button {...props} size="lg" h={TOUCH + 12} fullWidth loading={preparing}>
              {t('maintenance.report.takePhoto')}
            </Button>
          )}
        </FileButton>
        <Button
          variant="default"
          size="lg"
          h={TOUCH}
          fullWidth
          onClick={() => send(null)}
          disabled={preparing}
        >
          {t('maintenance.report.sendWithout')}
        </Button>
        <Button variant="subtle" mih={44} onClick={() => setStep('text')}>
          ← {t('common.back')}
        </Button>
      </Stack>
    );
  }

  return <ReportProgress reportId={reportId} onClose={onClose} />;
}

/** Where the report just sent stands: on its way (and which part), waiting for the network, refused, or there. */
function ReportProgress({ reportId, onClose }: { reportId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { pending, issueId } = useReport(reportId);
  const withPhoto = pending?.photo !== null && pending?.photo !== undefined;
  const parts = withPhoto ? 2 : 1;
  const done = pending ? (pending.issueId ? 1 : 0) : parts;

  let body: ReactNode;
  if (!pending && issueId) {
    body = (
      <Alert color="teal" title={t('maintenance.report.sent')}>
        <Stack gap="xs">
          <Text size="sm">{t('maintenance.report.sentBody')}</Text>
          <Anchor component={Link} to={`/maintenance/${issueId}`} onClick={onClose} fw={600}>
            {t('maintenance.report.open')}
          </Anchor>
        </Stack>
      </Alert>
    );
  } else if (pending?.failed) {
    body = <FailedReport report={pending} />;
  } else if (pending && !pending.sending && pending.attempts > 0) {
    body = (
      <Alert color="yellow" title={t('maintenance.report.waitingTitle')}>
        {t('maintenance.report.waitingBody')}
      </Alert>
    );
  } else {
    body = (
      <Text size="sm">
        {pending?.sending === 'photo'
          ? t('maintenance.report.sendingPhoto')
          : t('maintenance.report.sending')}
      </Text>
    );
  }

  return (
    <Stack gap="md">
      <div role="status" aria-live="polite">
        <Stack gap="sm">
          {body}
          <Progress
            value={(done / parts) * 100 + (pending?.sending ? 50 / parts : 0)}
            color={
              pending?.failed
                ? 'red'
                : done === parts
                  ? 'teal'
                  : pending && !pending.sending && pending.attempts > 0
                    ? 'yellow'
                    : 'cyan'
            }
            striped={Boolean(pending?.sending)}
            animated={Boolean(pending?.sending)}
            size="lg"
            aria-label={t('maintenance.report.progress')}
          />
        </Stack>
      </div>
      <Button size="lg" h={TOUCH} fullWidth variant={pending ? 'default' : 'filled'} onClick={onClose}>
        {pending && !pending.failed ? t('maintenance.report.closeKeeps') : t('common.close')}
      </Button>
    </Stack>
  );
}

function FailedReport({ report }: { report: PendingReport }) {
  const { t } = useTranslation();
  const reason =
    uploadRefusalText(t, report.failed, report.failedStatus) ??
    t(`problems.${report.failed}`, { defaultValue: t('problems.unknown') });
  return (
    <Alert
      color="red"
      role="alert"
      title={
        report.failedStep === 'photo' ? t('maintenance.report.photoRefused') : t('maintenance.report.refused')
      }
    >
      <Stack gap="xs">
        <Text size="sm">{reason}</Text>
        <Group gap="xs">
          <Button size="sm" mih={44} variant="white" color="red" onClick={() => retryReport(report.id)}>
            {t('state.retry')}
          </Button>
          <Button size="sm" mih={44} variant="subtle" color="gray" onClick={() => discardReport(report.id)}>
            {report.failedStep === 'photo'
              ? t('maintenance.report.keepWithoutPhoto')
              : t('maintenance.report.discard')}
          </Button>
          {report.issueId && (
            <Anchor component={Link} to={`/maintenance/${report.issueId}`} size="sm">
              {t('maintenance.report.open')}
            </Anchor>
          )}
        </Group>
      </Stack>
    </Alert>
  );
}

/**
 * Reports still on their way (or refused), on the pages a reporter comes back
 * to; a report the server takes refreshes the work orders shown.
 */
export function PendingReports() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const reports = usePendingReports();
  useEffect(
    () =>
      whenReportDelivered(() => {
        void queryClient.invalidateQueries({ queryKey: ['maintenance'] });
        void queryClient.invalidateQueries({ queryKey: ['operations'] });
      }),
    [queryClient],
  );
  const waiting = reports.filter((report) => !report.failed);
  const failed = reports.filter((report) => report.failed);
  if (reports.length === 0) return null;
  return (
    <Stack gap="xs">
      {waiting.length > 0 && (
        <Alert color="yellow" role="status">
          {t('maintenance.report.queued', { count: waiting.length })}
        </Alert>
      )}
      {failed.map((report) => (
        <Stack key={report.id} gap={4}>
          <Text size="sm" fw={600}>
            {report.houseName} · {report.body.title}
          </Text>
          <FailedReport report={report} />
        </Stack>
      ))}
    </Stack>
  );
}
