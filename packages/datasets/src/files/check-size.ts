/** The decoded image must have the size its annotation states: the boxes refer to those pixels. */
import { DataError } from '@saliency-bench/core';

export function checkDecodedSize(
  imageFile: string,
  decoded: { width: number; height: number },
  annotated: { width: number; height: number },
  annotationFile: string,
): void {
  if (decoded.width !== annotated.width || decoded.height !== annotated.height) {
    throw new DataError(
      imageFile,
      `decoded size ${decoded.width}x${decoded.height} differs from ${annotated.width}x${annotated.height} in ${annotationFile}`,
    );
  }
}
