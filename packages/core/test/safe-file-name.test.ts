import { describe, expect, it } from 'vitest';
import { encodeFileName } from '../src/run/safe-file-name.js';

describe('encodeFileName', () => {
  it('keeps plain ids and encodes separators, a leading dot and the escape character itself', () => {
    expect(encodeFileName('synthetic-0003__2')).toBe('synthetic-0003__2');
    expect(encodeFileName('../x')).toBe('%2E.%2Fx');
    expect(encodeFileName('cats/001.jpg__0')).toBe('cats%2F001.jpg__0');
    expect(encodeFileName('a%2Fb')).toBe('a%252Fb');
    expect(encodeFileName('é')).toBe('%C3%A9');
    expect(encodeFileName('')).toBe('%');
  });

  it('gives distinct names to ids that differ only in characters it encodes', () => {
    const ids = ['a/b', 'a%2Fb', 'a\\b', 'a b', 'a:b', '.a/b', '%2Ea/b'];
    expect(new Set(ids.map(encodeFileName)).size).toBe(ids.length);
  });

  it('shortens very long ids to a prefix plus a hash of the whole id', () => {
    const long = 'x'.repeat(300);
    const name = encodeFileName(long);
    expect(name.length).toBeLessThanOrEqual(200);
    expect(name).toMatch(/^x{135}~[0-9a-f]{64}$/);
    expect(encodeFileName(`${long}y`)).not.toBe(name);
  });
});
