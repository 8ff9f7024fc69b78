import { describe } from 'vitest';
import { DEMO_PRODUCT_ID } from '../../src/emulator/index.js';
import { eachToolError, type ToolErrorCase } from '../helpers/error-texts.js';
import type { Harness } from '../helpers/harness.js';

/**
 * Arguments the input schemas refuse, through an MCP client: the zod messages are written to say what to
 * send, and nothing is sent.
 */
const png = (h: Harness) => h.ws.png('a.png');
const INVALID_ARGS = (tool: string) =>
  new RegExp(`Input validation error: Invalid arguments for tool ${tool}`);

const CASES: Record<string, ToolErrorCase> = {
  'no paths': {
    tool: 'shopee_upload_images',
    args: () => ({}),
    what: INVALID_ARGS('shopee_upload_images'),
    fix: /paths is required: pass a list of 1–8 image paths/,
  },
  'an empty paths list': {
    tool: 'shopee_upload_images',
    args: () => ({ paths: [] }),
    what: INVALID_ARGS('shopee_upload_images'),
    fix: /give at least one image path/,
  },
  'nine paths': {
    tool: 'shopee_upload_images',
    args: (h) => ({ paths: Array.from({ length: 9 }, () => png(h)) }),
    what: INVALID_ARGS('shopee_upload_images'),
    fix: /Shopee takes at most 8 images per call: split the batch/,
  },
  'an empty path': {
    tool: 'shopee_upload_images',
    args: () => ({ paths: [''] }),
    what: /a path cannot be empty/,
    fix: /pass the image file's path/,
  },
  'a path that is not a string': {
    tool: 'tracepass_upload_image',
    args: () => ({ product_id: DEMO_PRODUCT_ID, path: 42 }),
    what: /path must be/,
    fix: /an image file's path as a string/,
  },
  'an unknown scene': {
    tool: 'shopee_upload_images',
    args: (h) => ({ paths: [png(h)], scene: 'square' }),
    what: /scene must be/,
    fix: /'normal' or 'desc' \(or left out for 'normal'\)/,
  },
  'an unknown ratio': {
    tool: 'shopee_upload_images',
    args: (h) => ({ paths: [png(h)], ratio: '16:9' }),
    what: /ratio must be/,
    fix: /'1:1' or '3:4'/,
  },
  'a dry_run that is not a boolean': {
    tool: 'tracepass_delete_image',
    args: () => ({ product_id: DEMO_PRODUCT_ID, index: 0, dry_run: 'yes' }),
    what: /dry_run must be/,
    fix: /true or false/,
  },
  'no product_id': {
    tool: 'tracepass_upload_image',
    args: (h) => ({ path: png(h) }),
    what: /product_id is required/,
    fix: /pass the TracePass product id, a string of 24 hex characters/,
  },
  'a product_id that is not 24 hex characters': {
    tool: 'tracepass_delete_image',
    args: () => ({ product_id: '6650a1b2', index: 0 }),
    what: INVALID_ARGS('tracepass_delete_image'),
    fix: /product_id must be 24 hexadecimal characters/,
  },
  'no index': {
    tool: 'tracepass_delete_image',
    args: () => ({ product_id: DEMO_PRODUCT_ID }),
    what: /index is required/,
    fix: /zero-based position, a whole number from 0 to 19/,
  },
  'a negative index': {
    tool: 'tracepass_delete_image',
    args: () => ({ product_id: DEMO_PRODUCT_ID, index: -1 }),
    what: INVALID_ARGS('tracepass_delete_image'),
    fix: /index is zero-based: the first image is 0/,
  },
  'index 20': {
    tool: 'tracepass_delete_image',
    args: () => ({ product_id: DEMO_PRODUCT_ID, index: 20 }),
    what: /a product has at most 20 images/,
    fix: /index is 0–19/,
  },
  'a fractional index': {
    tool: 'tracepass_delete_image',
    args: () => ({ product_id: DEMO_PRODUCT_ID, index: 1.5 }),
    what: INVALID_ARGS('tracepass_delete_image'),
    fix: /index must be a whole number/,
  },
  'an empty expected_url': {
    tool: 'tracepass_delete_image',
    args: () => ({ product_id: DEMO_PRODUCT_ID, index: 0, expected_url: '' }),
    what: /expected_url cannot be empty/,
    fix: /pass the URL from image_urls, or leave it out/,
  },
};

describe('every argument the schemas refuse says what to send instead', () => eachToolError(CASES));
