/**
 * Screenshots as they are stored and served: decoded and encoded again with sharp (libvips), so
 * what is kept is pixels only. EXIF (GPS position, camera, time), XMP, IPTC, comments and any
 * bytes after the image are dropped, and a file that only claims to be an image (a renamed
 * script, an HTML page, a polyglot) fails to decode and is refused. The JPEG's orientation is
 * applied to the pixels before its EXIF goes.
 */
import sharp from "sharp";

// libvips' own cache holds decoded images between calls; uploads are one-offs.
sharp.cache(false);

export const IMAGE_TYPES = { png: "image/png", jpeg: "image/jpeg", webp: "image/webp", gif: "image/gif" } as const;
export type ImageFormat = keyof typeof IMAGE_TYPES;

/** Decompression bombs: a small file that decodes to gigabytes of pixels is refused. 50 megapixels. */
const MAX_PIXELS = 50_000_000;
/** Thumbnails fit in this square (CSS shows them at half that for sharp displays). */
export const THUMBNAIL_SIZE = 320;

export interface ReencodedImage {
  format: ImageFormat;
  contentType: (typeof IMAGE_TYPES)[ImageFormat];
  width: number;
  height: number;
  data: Uint8Array;
  /** A WebP of the first frame, at most THUMBNAIL_SIZE on its longer side. */
  thumbnail: Uint8Array;
}

function isImageFormat(format: string | undefined): format is ImageFormat {
  return format !== undefined && Object.prototype.hasOwnProperty.call(IMAGE_TYPES, format);
}

/** The image re-encoded in its own format (PNG stays PNG …), or null when it is not one we take. */
export async function reencodeImage(input: Uint8Array): Promise<ReencodedImage | null> {
  let format: string | undefined;
  try {
    ({ format } = await sharp(input, { limitInputPixels: MAX_PIXELS }).metadata());
  } catch {
    return null;
  }
  if (!isImageFormat(format)) return null;
  const animated = format === "gif" || format === "webp";
  try {
    let image = sharp(input, { limitInputPixels: MAX_PIXELS, animated, failOn: "error" });
    if (format === "jpeg") image = image.rotate();
    const encoded =
      format === "png"
        ? image.png({ compressionLevel: 9 })
        : format === "jpeg"
          ? image.jpeg({ quality: 85, mozjpeg: true })
          : format === "webp"
            ? image.webp({ quality: 85 })
            : image.gif();
    const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
    const thumbnail = await sharp(data, { limitInputPixels: MAX_PIXELS })
      .resize({ width: THUMBNAIL_SIZE, height: THUMBNAIL_SIZE, fit: "inside", withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer();
    // An animation's height is the sum of its frames'; the page height is one frame's.
    const height = info.pageHeight ?? info.height;
    return { format, contentType: IMAGE_TYPES[format], width: info.width, height, data: new Uint8Array(data), thumbnail: new Uint8Array(thumbnail) };
  } catch {
    // Truncated or corrupt: the header parsed, the pixels do not.
    return null;
  }
}
