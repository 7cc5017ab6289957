import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, type Schemas, unwrap } from './api/client.ts';
import { saveFile } from './download.ts';

export type Attachment = Schemas['Attachment'];
export type AttachmentKind = Schemas['AttachmentKind'];

/** What files are attached to: a work order, a house, or a ledger entry (its receipts). */
export type AttachmentOwner =
  | { type: 'issue'; id: string }
  | { type: 'house'; id: string }
  | { type: 'ledger'; id: string };

const ownerKey = (owner: AttachmentOwner) => ['attachments', owner.type, owner.id];

export const isPhoto = (attachment: Attachment) => attachment.thumbnailUrl !== null;

export function useAttachments(owner: AttachmentOwner) {
  return useQuery({
    queryKey: ownerKey(owner),
    queryFn: async () => {
      switch (owner.type) {
        case 'issue':
          return unwrap(
            await api.GET('/api/v1/maintenance/issues/{issueId}/attachments', {
              params: { path: { issueId: owner.id } },
            }),
          ).items;
        case 'house':
          return unwrap(
            await api.GET('/api/v1/houses/{houseId}/attachments', {
              params: { path: { houseId: owner.id } },
            }),
          ).items;
        case 'ledger':
          return unwrap(
            await api.GET('/api/v1/ledger/{entryId}/attachments', {
              params: { path: { entryId: owner.id } },
            }),
          ).items;
      }
    },
  });
}

/** The multipart body the upload routes take: the kind first, then the file. */
function multipart(body: { file: unknown; kind?: AttachmentKind } | null): FormData {
  const form = new FormData();
  if (body?.kind) form.append('kind', body.kind);
  if (body?.file instanceof Blob)
    form.append('file', body.file, body.file instanceof File ? body.file.name : 'file');
  return form;
}

/**
 * Sends one file. The API client's fetch carries the session (and renews it
 * on a 401); fetch reports no upload progress, so the screens show which file
 * of how many is on its way.
 */
export async function uploadAttachment(
  owner: AttachmentOwner,
  file: File,
  kind: AttachmentKind | undefined,
  headers: Record<string, string> = {},
): Promise<Attachment> {
  // Without a kind, the server files an image as a photo and a PDF as a document.
  const body = kind ? { file, kind } : { file };
  switch (owner.type) {
    case 'issue':
      return unwrap(
        await api.POST('/api/v1/maintenance/issues/{issueId}/attachments', {
          params: { path: { issueId: owner.id } },
          headers,
          body,
          bodySerializer: multipart,
        }),
      );
    case 'house':
      return unwrap(
        await api.POST('/api/v1/houses/{houseId}/attachments', {
          params: { path: { houseId: owner.id } },
          headers,
          body,
          bodySerializer: multipart,
        }),
      );
    case 'ledger':
      return unwrap(
        await api.POST('/api/v1/ledger/{entryId}/attachments', {
          params: { path: { entryId: owner.id } },
          headers,
          body,
          bodySerializer: multipart,
        }),
      );
  }
}

export interface UploadProgress {
  /** 1-based: the file on its way. */
  current: number;
  total: number;
  fileName: string;
}

/**
 * Uploads files one after the other, saying which one is on its way. A file
 * refused (too large, not a photo or a PDF) stops the batch with that error;
 * the files sent before it stay. `prepare` (shrinking a photo) runs on each
 * file just before it is sent, one at a time: a phone never holds every
 * picked photo decoded at once.
 */
export function useUploadAttachments(owner: AttachmentOwner) {
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const mutation = useMutation({
    mutationFn: async ({
      files,
      kind,
      prepare,
    }: {
      files: File[];
      kind?: AttachmentKind;
      prepare?: (file: File) => Promise<File>;
    }) => {
      const sent: Attachment[] = [];
      try {
        for (const [index, file] of files.entries()) {
          setProgress({ current: index + 1, total: files.length, fileName: file.name });
          const ready = prepare ? await prepare(file) : file;
          sent.push(await uploadAttachment(owner, ready, kind));
        }
      } finally {
        setProgress(null);
      }
      return sent;
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ownerKey(owner) }),
  });
  return { ...mutation, progress };
}

export function useDeleteAttachment(owner: AttachmentOwner) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (attachment: Attachment) =>
      unwrap(
        await api.DELETE('/api/v1/attachments/{attachmentId}', {
          params: { path: { attachmentId: attachment.id } },
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ownerKey(owner) }),
  });
}

type Variant = 'original' | 'thumbnail';

async function fetchContent(attachmentId: string, variant: Variant): Promise<Blob> {
  return unwrap(
    await api.GET('/api/v1/attachments/{attachmentId}/content', {
      params: { path: { attachmentId }, query: { variant } },
      parseAs: 'blob',
    }),
  ) as unknown as Blob;
}

/**
 * A file's bytes, fetched with the session (an <img src> could not carry the
 * Bearer token) and cached a while like any answer.
 */
export function useAttachmentContent(attachment: Attachment | null, variant: Variant, enabled = true) {
  return useQuery({
    queryKey: ['attachment-content', attachment?.id, variant],
    queryFn: () => fetchContent(attachment?.id ?? '', variant),
    enabled: enabled && attachment !== null,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 5 * 60_000,
  });
}

/** An object URL for a blob, for as long as the component shows it: revoked when it changes or goes. */
export function useObjectUrl(blob: Blob | undefined): string | undefined {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    if (!blob) {
      setUrl(undefined);
      return;
    }
    const made = URL.createObjectURL(blob);
    setUrl(made);
    return () => URL.revokeObjectURL(made);
  }, [blob]);
  return url;
}

/** Saves a file under its own name: fetched with the session, handed to the browser, then let go. */
export async function downloadAttachment(attachment: Attachment): Promise<void> {
  saveFile(await fetchContent(attachment.id, 'original'), attachment.fileName);
}

/** A size for people: "840 KB", "2.4 MB". */
export function formatSize(bytes: number, language: string | undefined): string {
  const units = ['byte', 'kilobyte', 'megabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return new Intl.NumberFormat(language, {
    style: 'unit',
    unit: units[unit],
    // "218 bytes", "840 kB": the short form of a byte count reads "218 byte".
    unitDisplay: unit === 0 ? 'long' : 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
}
