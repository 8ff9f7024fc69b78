import { z } from 'zod';

/** Field schemas shared by more than one tool. */

export const productId = z
  .string()
  .regex(/^[0-9a-fA-F]{24}$/, 'product_id must be 24 hexadecimal characters (a TracePass ObjectId)')
  .describe('TracePass product id');

export const imagePath = (what: string) =>
  z
    .string()
    .min(1, 'a path cannot be empty')
    .describe(`${what}: absolute path, or relative to an allowed folder`);

export const imageUrls = z.array(z.string()).describe("The product's image URLs, in order (index 0 first)");
