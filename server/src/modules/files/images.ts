import { fileTypeFromFile } from 'file-type';
import sharp, { type Metadata } from 'sharp';
import { AppError, badRequest } from '../../http/errors.ts';
import { fieldError } from '../../http/field-errors.ts';

// Each upload is decoded once and never again: a cache would only hold memory (and temporary files open).
sharp.cache(false);

/** The longest side a stored photo keeps: enough for any screen, far less than a camera's. */
export const MAX_SIDE = 3840;
/** The longest side of a thumbnail. */
export const THUMBNAIL_SIDE = 320;

type ImageFormat = 'jpeg' | 'png' | 'webp';

/** What the bytes are, decided from the bytes alone. */
export type DecidedType =
  | {
      image: true;
      /** What sharp reports reading it as. */
      input: 'jpeg' | 'png' | 'webp' | 'heif';
      /** What it is stored as (a HEIC photo becomes a JPEG, which every browser shows). */
      output: ImageFormat;
    }
  | { image: false; contentType: 'application/pdf'; extension: 'pdf' };

export const OUTPUT_TYPES: Record<ImageFormat, { contentType: string; extension: string }> = {
  jpeg: { contentType: 'image/jpeg', extension: 'jpg' },
  png: { contentType: 'image/png', extension: 'png' },
  webp: { contentType: 'image/webp', extension: 'webp' },
};

const ACCEPTED = 'JPEG, PNG, WebP or HEIC photos, and PDF documents';

const unsupported = (detail: string) => new AppError(415, 'unsupported-media-type', detail);
const unreadable = () =>
  badRequest('The image cannot be read: it is damaged or incomplete.', [fieldError('body.file', 'invalid')]);
const tooManyPixels = (maxPixels: number) =>
  new AppError(
    413,
    'too-many-pixels',
    `The image is larger than the pixel limit of ${maxPixels.toLocaleString('en')} pixels (width × height).`,
  );

/**
 * Whether the installed image library decodes HEIC (HEVC-coded HEIF). Its
 * prebuilt binaries read AVIF only, for patent reasons: libvips then lists
 * `.avif` alone among the suffixes of its HEIF loader.
 */
export function heicSupported(): boolean {
  const suffixes = sharp.format.heif?.input.fileSuffix ?? [];
  return suffixes.includes('.heic') || suffixes.includes('.heif');
}

/** Decides what a file is from its first bytes, never from its name or declared type; 415 if it is nothing accepted. */
export async function decideType(file: string): Promise<DecidedType> {
  const detected = await fileTypeFromFile(file);
  switch (detected?.mime) {
    case 'image/jpeg':
      return { image: true, input: 'jpeg', output: 'jpeg' };
    case 'image/png':
      return { image: true, input: 'png', output: 'png' };
    case 'image/webp':
      return { image: true, input: 'webp', output: 'webp' };
    case 'image/heic':
    case 'image/heif':
    case 'image/heic-sequence':
    case 'image/heif-sequence':
      if (!heicSupported()) {
        throw unsupported(
          "This server's image library cannot read HEIC photos: send them as JPEG (most phones can, in their camera settings).",
        );
      }
      return { image: true, input: 'heif', output: 'jpeg' };
    case 'application/pdf':
      return { image: false, contentType: 'application/pdf', extension: 'pdf' };
    default:
      throw unsupported(
        `Only ${ACCEPTED} are accepted; this file is ${detected ? `${detected.mime}` : 'of no type accepted'}.`,
      );
  }
}

export interface ProcessedImage {
  data: Buffer;
  /** After the camera's orientation is applied. */
  width: number;
  height: number;
  thumbnail: Buffer;
}

/**
 * Reads a photo and writes it anew: turned upright by its EXIF orientation,
 * shrunk to fit within MAX_SIDE, re-encoded in its format (HEIC as JPEG)
 * with no metadata (no EXIF, GPS position, comments or anything appended
 * after the image), and a WebP thumbnail. An image declaring more than
 * `maxPixels` is refused from its header, before anything is decoded.
 */
export async function processImage(file: string, type: DecidedType & { image: true }, maxPixels: number) {
  return photoSlots.run(async () => {
    // 'error' refuses truncated and corrupt pixel data; libvips' mere warnings, which real cameras
    // produce (a few extraneous bytes before a marker), do not refuse a photo.
    const options = { limitInputPixels: maxPixels, failOn: 'error' as const };
    let metadata: Metadata;
    try {
      // Reads the header only; libvips itself refuses a header declaring more than the limit.
      metadata = await sharp(file, options).metadata();
    } catch (error) {
      throw refusal(error, maxPixels);
    }
    if (metadata.format !== type.input) throw unsupported(`Only ${ACCEPTED} are accepted.`);
    if (!metadata.width || !metadata.height) throw unreadable();
    if (metadata.width * metadata.height > maxPixels) throw tooManyPixels(maxPixels);
    try {
      const encoder = sharp(file, options)
        .autoOrient()
        .resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true });
      const encoded =
        type.output === 'jpeg'
          ? encoder.jpeg({ quality: 85 })
          : type.output === 'png'
            ? encoder.png({ compressionLevel: 6 })
            : encoder.webp({ quality: 85 });
      const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
      const thumbnail = await sharp(data)
        .resize({ width: THUMBNAIL_SIDE, height: THUMBNAIL_SIDE, fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 75 })
        .toBuffer();
      return { data, width: info.width, height: info.height, thumbnail } satisfies ProcessedImage;
    } catch (error) {
      throw refusal(error, maxPixels);
    }
  });
}

/** Why libvips refused an image, as the client's problem: too many pixels (413), or damaged (400). */
function refusal(error: unknown, maxPixels: number): AppError {
  if (error instanceof Error && /pixel limit/i.test(error.message)) return tooManyPixels(maxPixels);
  return unreadable();
}

/**
 * At most two photos decoded at once: a 50-megapixel photo takes a few
 * hundred megabytes while it is decoded, and a burst of uploads must not
 * take them all at the same moment.
 */
class Slots {
  #free: number;
  readonly #waiting: (() => void)[] = [];

  constructor(size: number) {
    this.#free = size;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.#free > 0) this.#free -= 1;
    else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#free += 1;
    }
  }
}

const photoSlots = new Slots(2);
