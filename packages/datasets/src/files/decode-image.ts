/**
 * Decodes an image file exactly as stored into 3-channel CHW float in [0, 1], with sharp:
 * no EXIF auto-rotation (annotations refer to the stored pixels); grey and CMYK become sRGB,
 * an alpha channel is dropped (as PIL's convert('RGB') does), 16-bit files keep their precision.
 * Every failure is a DataError naming the file: missing, empty, truncated or not an image.
 */
import { readFile } from 'node:fs/promises';
import { DataError } from '@saliency-bench/core';

export interface DecodedImage {
  image: Float32Array;
  width: number;
  height: number;
}

export async function readDataFile(file: string, what: string): Promise<Buffer> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new DataError(file, `${what} not found`);
    if (code === 'EISDIR') throw new DataError(file, `${what} expected, found a folder`);
    throw new DataError(file, `cannot read the ${what} (${code ?? (error as Error).message})`);
  }
  if (bytes.length === 0) throw new DataError(file, `the ${what} is empty (0 bytes)`);
  return bytes;
}

export async function decodeImage(file: string): Promise<DecodedImage> {
  const bytes = await readDataFile(file, 'image file');
  // sharp is loaded on first use: `list` and `validate` must not load a compute library.
  const { default: sharp } = await import('sharp');
  try {
    // failOn 'truncated': a cut-off file is an error, a harmless libjpeg warning is not.
    const input = sharp(bytes, { failOn: 'truncated', autoOrient: false, limitInputPixels: 2 ** 28 });
    const { depth, space, channels } = await input.metadata();
    const wide = depth === 'ushort';
    // Plain 8-bit RGB (most JPEGs) needs no conversion step.
    const converted = space === 'srgb' && channels === 3 && !wide ? input : input.toColourspace(wide ? 'rgb16' : 'srgb').removeAlpha();
    const { data, info } = await converted.raw(wide ? { depth: 'ushort' } : {}).toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`decoded to ${info.channels} channels, expected 3`);
    const samples = wide ? new Uint16Array(data.buffer, data.byteOffset, data.length / 2) : data;
    return { image: interleavedToPlanar(samples, info.width, info.height, wide ? 65535 : 255), width: info.width, height: info.height };
  } catch (error) {
    throw new DataError(file, `not a readable image: ${(error as Error).message.replace(/\s+$/, '')}`);
  }
}

/** HWC integers to CHW floats divided by `scale` (one pass per channel keeps the writes sequential). */
function interleavedToPlanar(samples: ArrayLike<number>, width: number, height: number, scale: number): Float32Array {
  const plane = width * height;
  const image = new Float32Array(3 * plane);
  for (let c = 0; c < 3; c++) {
    const out = image.subarray(c * plane, (c + 1) * plane);
    for (let p = 0, q = c; p < plane; p++, q += 3) out[p] = samples[q] / scale;
  }
  return image;
}
