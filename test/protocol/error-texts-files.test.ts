import { mkdirSync, symlinkSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { describe } from 'vitest';
import { DEMO_PRODUCT_ID } from '../../src/emulator/index.js';
import { eachToolError, type ToolErrorCase } from '../helpers/error-texts.js';
import { SHOPEE_MAX, TRACEPASS_MAX } from '../helpers/fixtures.js';
import type { Harness } from '../helpers/harness.js';

/**
 * What the tools say about the files they are given, through an MCP client: each refusal comes before
 * any network call, and a batch is refused whole. Then what a batch result says when Shopee refuses
 * every image of it.
 */
const png = (h: Harness) => h.ws.png('a.png');
const upload = (path: string) => ({ product_id: DEMO_PRODUCT_ID, path });

const CASES: Record<string, ToolErrorCase> = {
  'no allowed folder': {
    tool: 'shopee_upload_images',
    harness: { roots: () => [] },
    args: () => ({ paths: ['a.png'] }),
    what: /no folders are allowed yet/,
    fix: /Start the server with the image folder as an argument .* or share the folder as a root/,
  },
  'a NUL byte in a path': {
    tool: 'shopee_upload_images',
    args: () => ({ paths: ['a\0.png'] }),
    what: /contains a NUL byte/,
    fix: /pass a plain file path/,
  },
  'a file outside the folders': {
    tool: 'tracepass_upload_image',
    args: (h) => upload(h.ws.png('o.png', undefined, h.ws.outside)),
    what: /is outside the allowed folders/,
    fix: /Copy the file into one of them, or add its folder to the server arguments or client roots/,
  },
  'a symlink out of the folders': {
    tool: 'shopee_upload_images',
    args: (h) => {
      symlinkSync(h.ws.png('t.png', undefined, h.ws.outside), join(h.ws.root, 'l.png'));
      return { paths: ['l.png'] };
    },
    what: /is outside the allowed folders \([^)]*\)\. /,
    fix: /Copy the file into one of them/,
  },
  'a relative path that is not there': {
    tool: 'shopee_upload_images',
    args: () => ({ paths: ['missing.png'] }),
    what: /no such file in the allowed folders/,
    fix: /Check the spelling, or give an absolute path inside an allowed folder/,
  },
  'an absolute path that is not there': {
    tool: 'tracepass_upload_image',
    args: (h) => upload(join(h.ws.root, 'gone.png')),
    what: /no such file\./,
    fix: /Check the spelling/,
  },
  'a folder': {
    tool: 'shopee_upload_images',
    args: (h) => (mkdirSync(join(h.ws.root, 'dir.png')), { paths: ['dir.png'] }),
    what: /is a folder, not an image file/,
    fix: /Give the path of a file/,
  },
  'a FIFO': {
    tool: 'tracepass_upload_image',
    args: (h) => upload(h.ws.fifo('pipe.png')),
    what: /is a pipe \(FIFO\), not an image file/,
    fix: /Give the path of a file/,
  },
  'a device': {
    tool: 'shopee_upload_images',
    harness: { roots: (ws) => [ws.root, '/dev'] },
    args: () => ({ paths: ['/dev/null'] }),
    what: /is a device, not an image file/,
    fix: /Give the path of a file/,
  },
  'a file over Shopee’s 10 MB': {
    tool: 'shopee_upload_images',
    args: (h) => ({ paths: [h.ws.jpeg('big.jpg', SHOPEE_MAX + 1)] }),
    what: /is 10,485,761 bytes; Shopee accepts at most 10,485,760 bytes \(10 MB\) per image/,
    fix: /Resize or recompress it first/,
  },
  'a file over TracePass’s 5 MB': {
    tool: 'tracepass_upload_image',
    args: (h) => upload(h.ws.jpeg('big.jpg', TRACEPASS_MAX + 1)),
    what: /is 5,242,881 bytes; TracePass accepts at most 5,242,880 bytes \(5 MB\)/,
    fix: /Resize or recompress it first/,
  },
  'an empty file': {
    tool: 'shopee_upload_images',
    args: (h) => ({ paths: [h.ws.file('empty.png', '')] }),
    what: /is empty \(0 bytes\)/,
    fix: /Save or export the image again as JPEG or PNG/,
  },
  'a text file named .jpg': {
    tool: 'tracepass_upload_image',
    args: (h) => upload(h.ws.file('notes.jpg', 'not a photo')),
    what: /is not a PNG, JPEG or WebP image \(its first bytes say so, whatever its name\)/,
    fix: /Export it as PNG, JPEG or WebP/,
  },
  'a WebP for Shopee': {
    tool: 'shopee_upload_images',
    args: (h) => ({ paths: [h.ws.webp('w.webp')] }),
    what: /is a WebP image; Shopee accepts only JPEG or PNG/,
    fix: /Convert it first/,
  },
  'a batch with two bad files': {
    tool: 'shopee_upload_images',
    args: (h) => ({ paths: [png(h), h.ws.webp('w.webp'), 'missing.png'] }),
    what: /^Nothing was uploaded: 2 of 3 files were refused\./,
    fix: /- Cannot use ".*w\.webp": .*Convert it first, or pass fit: true to have it prepared on upload\.\n- Cannot use "missing\.png": .*Check the spelling/,
  },
  'a file that shrinks before it is sent': {
    tool: 'tracepass_upload_image',
    args: (h) => {
      const path = h.ws.png('shrinking.png', 50_000);
      // The file is open and checked once the product read arrives; it shrinks while that read waits.
      h.emulator.inject({ platform: 'tracepass', method: 'GET', kind: 'slow', delayMs: 400 });
      const shrink = setInterval(() => {
        if (h.emulator.requests.length === 0) return;
        clearInterval(shrink);
        truncateSync(path, 10_000);
      }, 5);
      return upload(path);
    },
    what: /changed while it was being uploaded/,
    fix: /try again/,
    sends: true,
  },
  'every image of a batch refused by Shopee': {
    tool: 'shopee_upload_images',
    args: (h) => {
      h.emulator.inject({ platform: 'shopee', kind: 'partial-failure', failIndices: [0, 1] });
      return { paths: [png(h), h.ws.jpeg('b.jpg')] };
    },
    what: /^Uploaded 0 of 2 image\(s\) to Shopee .*\n- .*a\.png failed \("error_tier_img_partial": "Interal error, please contact openapi team\."\)\n/,
    fix: /Send the failed image\(s\) again in a new call; if one fails again, check that file/,
    sends: true,
  },
};

describe('every refused file says why and what to do instead', () => eachToolError(CASES));
