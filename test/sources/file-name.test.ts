import { describe, expect, it } from 'vitest';
import { dispositionFileName, sanitizeFileName, sourceFileName } from '../../src/sources/file-name.js';

const urls = (...hrefs: string[]) => hrefs.map((href) => new URL(href));

describe('sourceFileName', () => {
  it('takes the last path segment of the given URL, decoded', () => {
    expect(sourceFileName(undefined, urls('https://a.example/shop/red%20shoe.jpg'), 'jpeg')).toBe(
      'red shoe.jpg',
    );
  });

  it('prefers the server’s Content-Disposition name', () => {
    const header = 'attachment; filename="front.png"';
    expect(sourceFileName(header, urls('https://a.example/dl/123'), 'png')).toBe('front.png');
  });

  it('falls back to the final URL, then to "image", when a URL ends in a slash', () => {
    expect(
      sourceFileName(undefined, urls('https://a.example/', 'https://cdn.example/x/abc.webp'), 'webp'),
    ).toBe('abc.webp');
    expect(sourceFileName(undefined, urls('https://a.example/'), 'png')).toBe('image.png');
  });

  it('makes the extension match the bytes', () => {
    expect(sourceFileName(undefined, urls('https://a.example/photo.png'), 'jpeg')).toBe('photo.jpg');
    expect(sourceFileName(undefined, urls('https://a.example/photo.JPEG'), 'jpeg')).toBe('photo.JPEG');
    expect(sourceFileName(undefined, urls('https://a.example/download'), 'webp')).toBe('download.webp');
    expect(sourceFileName(undefined, urls('https://a.example/get.php'), 'png')).toBe('get.php.png');
    expect(sourceFileName(undefined, urls('https://a.example/.png'), 'png')).toBe('png.png');
  });
});

describe('sanitizeFileName', () => {
  it('keeps only a base name, without folders, controls, reserved characters or leading dots', () => {
    expect(sanitizeFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitizeFileName('..\\..\\boot.ini')).toBe('boot.ini');
    expect(sanitizeFileName('a\u0000b\nc<d>:e"f|g?h*.png')).toBe('a_b_c_d__e_f_g_h_.png');
    expect(sanitizeFileName('...hidden.png')).toBe('hidden.png');
    expect(sanitizeFileName('..')).toBe('');
  });

  it('cuts long names to 100 characters and keeps the extension', () => {
    const name = sanitizeFileName(`${'x'.repeat(300)}.jpeg`);
    expect(name).toHaveLength(100);
    expect(name.endsWith('x.jpeg')).toBe(true);
  });
});

describe('dispositionFileName', () => {
  it('reads quoted, bare and RFC 5987 names, preferring the extended one', () => {
    expect(dispositionFileName('attachment; filename="a \\"b\\".png"')).toBe('a "b".png');
    expect(dispositionFileName('inline; filename=plain.jpg')).toBe('plain.jpg');
    expect(
      dispositionFileName('attachment; filename="fallback.png"; filename*=UTF-8\'\'%C3%A9t%C3%A9.png'),
    ).toBe('été.png');
    expect(dispositionFileName("attachment; filename*=UTF-8''%E0%A4%A.png; filename=ok.png")).toBe('ok.png');
    expect(dispositionFileName('inline')).toBeUndefined();
    expect(dispositionFileName(undefined)).toBeUndefined();
  });
});
