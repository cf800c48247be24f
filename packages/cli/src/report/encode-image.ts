/** RGB bytes to PNG (overlay files) or JPEG (report thumbnails, a fifth of the size), with sharp. */

/** sharp is loaded on first use: `list` and `validate` must not load a compute library. */
async function loadSharp() {
  return (await import('sharp')).default;
}

export async function encodePng(rgb: Uint8Array, width: number, height: number): Promise<Buffer> {
  const sharp = await loadSharp();
  return sharp(rgb, { raw: { width, height, channels: 3 } }).png().toBuffer();
}

export async function encodeJpeg(rgb: Uint8Array, width: number, height: number, quality = 85): Promise<Buffer> {
  const sharp = await loadSharp();
  return sharp(rgb, { raw: { width, height, channels: 3 } }).jpeg({ quality }).toBuffer();
}
