/** The longest side a photo needs for a work order: enough to see a leak, far less than a phone's 12 MP. */
const MAX_SIDE = 2560;
/** Below this a photo goes as it is: shrinking would save little. */
const SMALL_ENOUGH = 1_500_000;
const SHRINKABLE = ['image/jpeg', 'image/png', 'image/webp'];

/**
 * A phone's photo made smaller before it is sent over a weak connection
 * (the server re-encodes it anyway, and strips its metadata). Anything the
 * browser cannot decode — a HEIC photo, an odd file — goes as it came, for
 * the server to judge.
 */
export async function shrinkPhoto(file: File): Promise<File> {
  if (file.size <= SMALL_ENOUGH || !SHRINKABLE.includes(file.type)) return file;
  try {
    // Turned upright from its EXIF orientation, as it was taken.
    const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
    if (!blob || blob.size >= file.size) return file;
    const stem = file.name.replace(/\.[^.]+$/, '') || 'photo';
    return new File([blob], `${stem}.jpg`, { type: 'image/jpeg', lastModified: file.lastModified });
  } catch {
    return file;
  }
}
