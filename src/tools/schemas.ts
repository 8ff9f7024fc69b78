import { z } from 'zod';

/** Field schemas shared by more than one tool. */

/**
 * zod's own message for a missing or mistyped argument names a type ("expected string, received
 * undefined"); these say what to send instead.
 */
export const expecting = (field: string, what: string) => ({
  error: (issue: { input?: unknown }) =>
    issue.input === undefined ? `${field} is required: pass ${what}` : `${field} must be ${what}`,
});

export const productId = z
  .string(expecting('product_id', 'the TracePass product id, a string of 24 hex characters'))
  .regex(/^[0-9a-fA-F]{24}$/, 'product_id must be 24 hexadecimal characters (a TracePass ObjectId)')
  .describe('TracePass product id');

export const imagePath = (what: string) =>
  z
    .string(expecting('path', "an image file's path as a string"))
    .min(1, "a path cannot be empty: pass the image file's path")
    .describe(`${what}: absolute path, or relative to an allowed folder`);

export const imageUrls = z.array(z.string()).describe("The product's image URLs, in order (index 0 first)");

/** A byte limit in the binary megabytes the platforms document (10 MB = 10,485,760 bytes). */
export const megabytes = (bytes: number): number => bytes / 1024 / 1024;
