import { z } from 'zod';

/** Field schemas shared by more than one tool. */

export const productId = z
  .string()
  .regex(/^[0-9a-fA-F]{24}$/, 'product_id must be 24 hexadecimal characters (a TracePass ObjectId)')
  .describe('TracePass product id: 24 hex characters, e.g. 6650a1b2c3d4e5f6a7b8c9d0');

export const imagePath = (what: string) =>
  z
    .string()
    .min(1, 'a path cannot be empty')
    .describe(`Path of a ${what}: absolute, or relative to an allowed folder`);

export const imageUrls = z.array(z.string()).describe("The product's image URLs, in order (index 0 first)");
