/** RGB bytes to PNG (overlay files) or JPEG (report thumbnails, a fifth of the size), with sharp. */
import sharp from 'sharp';

export function encodePng(rgb: Uint8Array, width: number, height: number): Promise<Buffer> {
  return sharp(rgb, { raw: { width, height, channels: 3 } }).png().toBuffer();
}

export function encodeJpeg(rgb: Uint8Array, width: number, height: number, quality = 85): Promise<Buffer> {
  return sharp(rgb, { raw: { width, height, channels: 3 } }).jpeg({ quality }).toBuffer();
}
