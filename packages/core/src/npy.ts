/** NumPy .npy (format 1.0) for float32 2-D arrays, so maps open with numpy.load. */
const MAGIC = '\x93NUMPY';

export function encodeNpy(data: Float32Array, shape: readonly number[]): Uint8Array {
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  // Pad so that magic (6) + version (2) + length (2) + header ends on a 64-byte boundary, with '\n'.
  const unpadded = 10 + header.length + 1;
  header += ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const out = new Uint8Array(10 + header.length + data.byteLength);
  for (let i = 0; i < 6; i++) out[i] = MAGIC.charCodeAt(i);
  out[6] = 1;
  out[7] = 0;
  new DataView(out.buffer).setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  const body = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (!littleEndian()) throw new Error('big-endian hosts are not supported for .npy output');
  out.set(body, 10 + header.length);
  return out;
}

export function decodeNpy(bytes: Uint8Array): { data: Float32Array; shape: number[] } {
  for (let i = 0; i < 6; i++) {
    if (bytes[i] !== MAGIC.charCodeAt(i)) throw new Error('not a .npy file (bad magic)');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const major = bytes[6];
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const headerStart = major === 1 ? 10 : 12;
  const header = new TextDecoder('latin1').decode(bytes.subarray(headerStart, headerStart + headerLength));
  if (!header.includes("'descr': '<f4'")) throw new Error(`unsupported .npy dtype in header ${header.trim()}`);
  if (header.includes("'fortran_order': True")) throw new Error('fortran-order .npy files are not supported');
  const shapeText = /'shape': \(([^)]*)\)/.exec(header)?.[1] ?? '';
  const shape = shapeText.split(',').map((s) => s.trim()).filter(Boolean).map(Number);
  const count = shape.reduce((a, b) => a * b, 1);
  const start = headerStart + headerLength;
  if (bytes.byteLength - start < count * 4) throw new Error(`truncated .npy file: expected ${count} float32 values`);
  const data = new Float32Array(count);
  new Uint8Array(data.buffer).set(bytes.subarray(start, start + count * 4));
  return { data, shape };
}

function littleEndian(): boolean {
  return new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
}
