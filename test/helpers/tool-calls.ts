import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CallToolResult } from '@modelcontextprotocol/client';
import { expect } from 'vitest';
import type { Emulator, Product } from '../../src/emulator/index.js';
import type { Workspace } from './fixtures.js';
import { requestLines } from './observe.js';

export interface ToolCallContext {
  emulator: Emulator;
  ws: Workspace;
}

/** What one successful call of a tool sends, and what it must have done. */
export interface ToolCase {
  /** Prepares what the call needs (files, products) and returns its arguments. */
  arrange(ctx: ToolCallContext): Record<string, unknown>;
  /** Checks the result against the contract and the emulator's recorded requests. */
  verify(result: CallToolResult, ctx: ToolCallContext, args: Record<string, unknown>): void;
}

/** A product holding two images, with URLs shaped like the emulator's own. */
function productWithTwoImages(emulator: Emulator): Product {
  const product = emulator.addProduct();
  product.imageUrls.push(
    ...[0, 1].map((i) => `${emulator.url}/r2/emulator-company/products/${product.id}/images/seed-${i}.png`),
  );
  return product;
}

const productOf = (args: Record<string, unknown>) => String(args.product_id);

/**
 * Every tool the server may list. A tool the server lists and this table lacks fails the era suites:
 * add its case here. (`tracepass_list_images` and `list_local_images` are written from the contract.)
 */
export const TOOL_CASES: Record<string, ToolCase> = {
  shopee_upload_images: {
    arrange: ({ ws }) => {
      ws.png('hero.png');
      ws.jpeg('detail.jpg');
      return { paths: ['hero.png', 'detail.jpg'] };
    },
    verify(result, { emulator }) {
      const images = (result.structuredContent as { images: { path: string; image_id: string }[] }).images;
      expect(images.map((image) => image.path)).toEqual(['hero.png', 'detail.jpg']);
      for (const image of images) expect(emulator.shopeeImages.has(image.image_id)).toBe(true);
      expect(requestLines(emulator)).toEqual(['POST /api/v2/media_space/upload_image 200']);
      const parts = emulator.requests[0]?.parts ?? [];
      expect(parts.map((part) => [part.field, part.filename, part.sniffed])).toEqual([
        ['image', 'hero.png', 'png'],
        ['image', 'detail.jpg', 'jpeg'],
      ]);
    },
  },
  tracepass_upload_image: {
    arrange: ({ emulator, ws }) => {
      ws.webp('passport.webp');
      return { product_id: emulator.addProduct().id, path: 'passport.webp' };
    },
    verify(result, { emulator }, args) {
      const product = emulator.products.get(productOf(args));
      expect(product?.imageUrls).toHaveLength(1);
      expect(result.structuredContent).toMatchObject({
        index: 0,
        image_url: product?.imageUrls[0],
        image_urls: product?.imageUrls,
      });
      expect(requestLines(emulator, 'POST')).toEqual([`POST /api/v1/products/${product?.id}/images 201`]);
      expect(emulator.requests.at(-1)?.parts.map((part) => [part.field, part.sniffed])).toEqual([
        ['file', 'webp'],
      ]);
    },
  },
  tracepass_delete_image: {
    arrange: ({ emulator }) => {
      const product = productWithTwoImages(emulator);
      return { product_id: product.id, index: 0, expected_url: product.imageUrls[0] };
    },
    verify(result, { emulator }, args) {
      const product = emulator.products.get(productOf(args));
      expect(product?.imageUrls).toHaveLength(1);
      expect(result.structuredContent).toMatchObject({
        deleted_url: args.expected_url,
        image_urls: product?.imageUrls,
      });
      expect(requestLines(emulator, 'DELETE')).toEqual([
        `DELETE /api/v1/products/${product?.id}/images/0 200`,
      ]);
    },
  },
  tracepass_list_images: {
    arrange: ({ emulator }) => ({ product_id: productWithTwoImages(emulator).id }),
    verify(result, { emulator }, args) {
      const product = emulator.products.get(productOf(args));
      expect(result.structuredContent).toEqual({
        product_id: product?.id,
        image_urls: product?.imageUrls,
        count: 2,
        room_left: 18,
      });
      expect(requestLines(emulator)).toEqual([`GET /api/v1/products/${product?.id} 200`]);
    },
  },
  list_local_images: {
    arrange: ({ ws }) => {
      const shelf = join(ws.root, 'shelf');
      mkdirSync(shelf, { recursive: true });
      ws.png('front.png', undefined, shelf);
      ws.file('notes.txt', 'not an image', shelf);
      return { folder: 'shelf' };
    },
    verify(result, { emulator, ws }) {
      expect(result.structuredContent).toMatchObject({
        images: [
          {
            path: join(ws.root, 'shelf', 'front.png'),
            type: 'png',
            has_location: false,
            fits: { shopee: true, tracepass: true },
          },
        ],
        truncated: false,
      });
      // Local only: nothing goes upstream.
      expect(emulator.requests).toEqual([]);
    },
  },
};
