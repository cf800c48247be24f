/**
 * Paths the run store builds from plugin or dataset text must stay inside the run directory.
 * Entry ids (dataset, model, method, metric) are refused at validation unless they are plain names;
 * sample ids are encoded, since datasets legitimately use ids such as "cats/001.jpg".
 */
import { createHash } from 'node:crypto';

/** A plain name: no separators, no leading dot, so never "..", "/x" or "a/../../b". */
export const PLAIN_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

const MAX_NAME_LENGTH = 200;

/**
 * A file name for any text: characters outside [A-Za-z0-9._-] and a leading dot become %XX (UTF-8),
 * so plain ids keep their name and every other id maps to a distinct, harmless name. Names longer
 * than most file systems allow keep a readable prefix and end with a hash of the whole text.
 */
export function encodeFileName(text: string): string {
  let encoded = '';
  for (const byte of new TextEncoder().encode(text)) {
    const char = String.fromCharCode(byte);
    const keep = /[A-Za-z0-9_-]/.test(char) || (char === '.' && encoded.length > 0);
    encoded += keep ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  if (encoded.length === 0) return '%';
  if (encoded.length <= MAX_NAME_LENGTH) return encoded;
  return `${encoded.slice(0, MAX_NAME_LENGTH - 65)}~${createHash('sha256').update(text).digest('hex')}`;
}

/** Throws unless the text is a plain name (a defensive check on ids the spec validation passed). */
export function assertPlainName(text: string, what: string): string {
  if (!PLAIN_NAME.test(text)) throw new Error(`${what} "${text}" cannot be a file name in the run directory; use letters, digits, ".", "_" and "-"`);
  return text;
}
