import {
  Alert,
  Badge,
  Button,
  Card,
  Center,
  FileButton,
  Group,
  Image,
  Loader,
  Modal,
  Progress,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { TFunction } from 'i18next';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../lib/api/client.ts';
import {
  type Attachment,
  type AttachmentKind,
  type AttachmentOwner,
  downloadAttachment,
  formatSize,
  isPhoto,
  useAttachmentContent,
  useAttachments,
  useDeleteAttachment,
  useObjectUrl,
  useUploadAttachments,
} from '../lib/attachments.ts';
import { formatInstant } from '../lib/dates.ts';
import { errorSummary } from '../lib/form-errors.ts';
import { shrinkPhoto } from '../lib/photo.ts';
import { FailureAlert } from './FailureAlert.tsx';
import { ErrorState, LoadingState } from './States.tsx';

/**
 * Why the server refused a file, in the user's words, from its problem code and HTTP status: a
 * picture with too many pixels, too large (413), or not a photo or a PDF (415). Null for other refusals.
 */
export function uploadRefusalText(t: TFunction, code: string | undefined, status: number | undefined) {
  if (code === 'too-many-pixels') return t('files.tooManyPixels');
  if (status === 413 || code === 'file-too-large') return t('files.tooLarge');
  if (status === 415 || code === 'unsupported-media-type') return t('files.wrongType');
  return null;
}

/** Why a file was refused, in the user's words: too large, too many pixels, or not a photo or a PDF. */
export function uploadErrorText(t: TFunction, error: unknown): string {
  return (
    (error instanceof ApiError ? uploadRefusalText(t, error.code, error.problem.status) : null) ??
    errorSummary(t, error)
  );
}

/**
 * An upload button: what it adds, what files it offers to pick, the kind they
 * are filed as, and whether a big photo is made smaller first (by default for
 * photos only: a plan or a scanned page keeps its detail).
 */
export interface UploadChoice {
  label: string;
  accept: string;
  kind?: AttachmentKind;
  multiple?: boolean;
  shrink?: boolean;
}

/**
 * The files of a work order, a house or a ledger entry: photos as thumbnails that open in a
 * lightbox, other files (PDF invoices, documents) as downloads, upload buttons
 * for whoever may add files, and removal after a confirmation.
 */
export function Attachments({
  owner,
  title,
  uploads,
  canDelete,
  emptyText,
}: {
  owner: AttachmentOwner;
  title: string;
  /** None for those who only read. */
  uploads: UploadChoice[];
  canDelete: (attachment: Attachment) => boolean;
  emptyText: string;
}) {
  const { t, i18n } = useTranslation();
  const files = useAttachments(owner);
  const upload = useUploadAttachments(owner);
  const remove = useDeleteAttachment(owner);
  const [open, setOpen] = useState<number | null>(null);
  const [confirming, setConfirming] = useState<Attachment | null>(null);
  const [downloadFailed, setDownloadFailed] = useState<string | null>(null);
  const headingId = useId();

  const photos = (files.data ?? []).filter(isPhoto);
  const documents = (files.data ?? []).filter((file) => !isPhoto(file));

  // Photos are shrunk one at a time, each just before it is sent (decoding them all at once can
  // crash a phone's tab); the buttons stay disabled from the pick to the last upload.
  const send = (picked: File[], choice: UploadChoice) => {
    if (picked.length === 0 || upload.isPending) return;
    upload.mutate({
      files: picked,
      kind: choice.kind,
      prepare: (choice.shrink ?? choice.kind === 'photo') ? shrinkPhoto : undefined,
    });
  };
  const download = (attachment: Attachment) => {
    setDownloadFailed(null);
    downloadAttachment(attachment).catch(() => setDownloadFailed(attachment.fileName));
  };

  return (
    <Card withBorder padding="md" component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" align="center" gap="xs">
          <Title order={3} size="h5" id={headingId}>
            {title}
          </Title>
          {uploads.length > 0 && (
            <Group gap="xs">
              {uploads.map((choice) => (
                <FileButton
                  key={choice.label}
                  accept={choice.accept}
                  multiple={choice.multiple}
                  onChange={(picked) => send(Array.isArray(picked) ? picked : picked ? [picked] : [], choice)}
                  disabled={upload.isPending}
                >
                  {(props) => (
                    <Button {...props} size="sm" variant="light" disabled={upload.isPending}>
                      {choice.label}
                    </Button>
                  )}
                </FileButton>
              ))}
            </Group>
          )}
        </Group>

        {upload.progress && (
          <Stack gap={4} role="status" aria-live="polite">
            <Text size="sm">
              {t('files.sending', {
                current: upload.progress.current,
                total: upload.progress.total,
                name: upload.progress.fileName,
              })}
            </Text>
            <Progress
              value={((upload.progress.current - 0.5) / upload.progress.total) * 100}
              striped
              animated
              aria-label={t('files.sendingShort')}
            />
          </Stack>
        )}
        <FailureAlert>{upload.isError ? uploadErrorText(t, upload.error) : null}</FailureAlert>
        <FailureAlert>
          {downloadFailed ? t('files.downloadFailed', { name: downloadFailed }) : null}
        </FailureAlert>

        {files.isPending ? (
          <LoadingState />
        ) : files.isError ? (
          <ErrorState message={errorSummary(t, files.error)} onRetry={() => files.refetch()} />
        ) : files.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            {emptyText}
          </Text>
        ) : (
          <>
            {photos.length > 0 && (
              <SimpleGrid cols={{ base: 3, sm: 4, md: 6 }} spacing="xs">
                {photos.map((photo, index) => (
                  <Thumbnail key={photo.id} photo={photo} onOpen={() => setOpen(index)} />
                ))}
              </SimpleGrid>
            )}
            {documents.length > 0 && (
              <Stack gap={6} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
                {documents.map((file) => (
                  <Group
                    key={file.id}
                    component="li"
                    justify="space-between"
                    wrap="nowrap"
                    gap="xs"
                    py={4}
                    style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}
                  >
                    <Stack gap={0} miw={0}>
                      <Group gap={6} wrap="nowrap" miw={0}>
                        <Badge variant="light" color="gray" style={{ flexShrink: 0 }}>
                          {t(`files.kind.${file.kind}`)}
                        </Badge>
                        <Text size="sm" fw={500} truncate>
                          {file.fileName}
                        </Text>
                      </Group>
                      <Text size="xs" c="dimmed">
                        {formatSize(file.size, i18n.resolvedLanguage)} ·{' '}
                        {formatInstant(file.createdAt, i18n.resolvedLanguage)}
                      </Text>
                    </Stack>
                    <Group gap={4} wrap="nowrap">
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => download(file)}
                        aria-label={t('files.downloadNamed', { name: file.fileName })}
                      >
                        {t('files.download')}
                      </Button>
                      {canDelete(file) && (
                        <Button
                          size="xs"
                          variant="subtle"
                          color="red"
                          onClick={() => setConfirming(file)}
                          aria-label={t('files.deleteNamed', { name: file.fileName })}
                        >
                          {t('files.delete')}
                        </Button>
                      )}
                    </Group>
                  </Group>
                ))}
              </Stack>
            )}
          </>
        )}
      </Stack>

      <Lightbox
        photos={photos}
        index={open}
        onIndex={setOpen}
        onDownload={download}
        onDelete={(photo) =>
          canDelete(photo)
            ? () => {
                setOpen(null);
                setConfirming(photo);
              }
            : undefined
        }
      />
      <Modal
        opened={confirming !== null}
        onClose={() => setConfirming(null)}
        title={t('files.deleteTitle', { name: confirming?.fileName ?? '' })}
      >
        <Stack gap="sm">
          <Text size="sm">{t('files.deleteBody')}</Text>
          <FailureAlert>{remove.isError ? errorSummary(t, remove.error) : null}</FailureAlert>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(null)}>
              {t('common.back')}
            </Button>
            <Button
              color="red"
              loading={remove.isPending}
              onClick={() =>
                confirming && remove.mutate(confirming, { onSuccess: () => setConfirming(null) })
              }
            >
              {t('files.deleteConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}

/** A photo's thumbnail, fetched with the session and shown through an object URL while on screen. */
function Thumbnail({ photo, onOpen }: { photo: Attachment; onOpen: () => void }) {
  const { t } = useTranslation();
  const content = useAttachmentContent(photo, 'thumbnail');
  const url = useObjectUrl(content.data);
  return (
    <UnstyledButton
      onClick={onOpen}
      aria-label={t('files.openPhoto', { name: photo.fileName })}
      style={{
        borderRadius: 'var(--mantine-radius-sm)',
        overflow: 'hidden',
        aspectRatio: '1',
        minHeight: 44,
      }}
    >
      {url ? (
        <Image src={url} alt={photo.fileName} h="100%" w="100%" fit="cover" />
      ) : content.isError ? (
        <Center h="100%" bg="gray.1">
          <Text size="xs" c="dimmed" ta="center" p={4}>
            {photo.fileName}
          </Text>
        </Center>
      ) : (
        <Skeleton h="100%" w="100%" />
      )}
    </UnstyledButton>
  );
}

/**
 * A photo at its full size, in a dialog: Left and Right arrows (and the
 * buttons) go through the photos, Escape closes it.
 */
function Lightbox({
  photos,
  index,
  onIndex,
  onDownload,
  onDelete,
}: {
  photos: Attachment[];
  index: number | null;
  onIndex: (index: number | null) => void;
  onDownload: (photo: Attachment) => void;
  onDelete: (photo: Attachment) => (() => void) | undefined;
}) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 36em)');
  const photo = index === null ? null : (photos[index] ?? null);
  const content = useAttachmentContent(photo, 'original');
  const url = useObjectUrl(content.data);
  const count = photos.length;
  const go = (step: number) => index !== null && count > 0 && onIndex((index + step + count) % count);

  useEffect(() => {
    if (index === null || count < 2) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'ArrowRight') go(1);
      else if (event.key === 'ArrowLeft') go(-1);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const remove = photo ? onDelete(photo) : undefined;
  return (
    <Modal
      opened={photo !== null}
      onClose={() => onIndex(null)}
      title={photo ? t('files.photoTitle', { name: photo.fileName, index: (index ?? 0) + 1, count }) : ''}
      size="xl"
      fullScreen={phone}
      styles={{ title: { overflowWrap: 'anywhere' } }}
    >
      {photo && (
        <Stack gap="sm">
          <Center mih={200}>
            {url ? (
              <Image
                src={url}
                alt={photo.fileName}
                fit="contain"
                mah={phone ? 'calc(100dvh - 180px)' : '70vh'}
                w="auto"
                maw="100%"
              />
            ) : content.isError ? (
              <Alert color="red" role="alert">
                {t('state.errorBody')}
              </Alert>
            ) : (
              <Loader aria-label={t('state.loading')} />
            )}
          </Center>
          <Group justify="space-between" gap="xs">
            <Group gap="xs">
              <Button variant="default" onClick={() => go(-1)} disabled={count < 2}>
                ← {t('files.previous')}
              </Button>
              <Button variant="default" onClick={() => go(1)} disabled={count < 2}>
                {t('files.next')} →
              </Button>
            </Group>
            <Group gap="xs">
              <Button variant="light" onClick={() => onDownload(photo)}>
                {t('files.download')}
              </Button>
              {remove && (
                <Button variant="subtle" color="red" onClick={remove}>
                  {t('files.delete')}
                </Button>
              )}
            </Group>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
