/**
 * COCO run-length encoded masks (the format of the COCO API's maskApi.c, described in
 * pycocotools/mask.py). Runs alternate 0s and 1s, starting with 0s, over the pixels in
 * column-major order (down each column, then the next column). "Uncompressed" RLE lists the run
 * lengths as numbers; "compressed" RLE packs them into a string: each run is written as 5-bit
 * groups, least significant first, one character per group (group + 48, bit 0x20 set when another
 * group follows, bit 0x10 of the last group the sign), and from the third run on it stores the
 * difference from the run two before.
 */

/** The run lengths of a compressed RLE string. */
export function decodeRleString(text: string): number[] {
  const counts: number[] = [];
  let p = 0;
  while (p < text.length) {
    let value = 0;
    let shift = 0;
    let more = true;
    let group = 0;
    while (more) {
      if (p >= text.length) throw new Error(`compressed RLE ends inside a run at character ${p}`);
      group = text.charCodeAt(p++) - 48;
      if (group < 0 || group > 63) throw new Error(`compressed RLE has the character "${text[p - 1]}" at ${p - 1}, outside "0".."o"`);
      value |= (group & 0x1f) << shift;
      more = (group & 0x20) !== 0;
      shift += 5;
    }
    if (group & 0x10) value |= -1 << shift; // sign-extend the last group
    if (counts.length > 2) value += counts[counts.length - 2];
    counts.push(value);
  }
  return counts;
}

/** Row-major height×width 0/1 mask from run lengths over column-major pixels. */
export function rleToMask(counts: readonly number[], height: number, width: number): Uint8Array {
  const total = height * width;
  const columnMajor = new Uint8Array(total);
  let position = 0;
  counts.forEach((run, i) => {
    if (!Number.isInteger(run) || run < 0) throw new Error(`RLE run ${i} is ${run}; runs are non-negative integers`);
    if (position + run > total) throw new Error(`RLE runs cover more than the ${height}x${width} = ${total} pixels`);
    if (i % 2 === 1) columnMajor.fill(1, position, position + run);
    position += run;
  });
  if (position !== total) throw new Error(`RLE runs cover ${position} pixels, expected ${height}x${width} = ${total}`);
  const mask = new Uint8Array(total);
  for (let x = 0; x < width; x++) for (let y = 0; y < height; y++) mask[y * width + x] = columnMajor[x * height + y];
  return mask;
}
