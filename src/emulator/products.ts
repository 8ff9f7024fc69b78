import { randomBytes } from 'node:crypto';
import type { Product, ProductSeed } from './types.js';

/** A MongoDB ObjectId in hex, as TracePass uses for product ids. */
export const PRODUCT_ID = /^[0-9a-f]{24}$/i;

export function newProduct(seed: ProductSeed = {}): Product {
  const id = (seed.id ?? randomBytes(12).toString('hex')).toLowerCase();
  if (!PRODUCT_ID.test(id)) throw new RangeError(`Product id must be 24 hex characters, got '${seed.id}'`);
  return {
    id,
    name: seed.name ?? `Emulator product ${id.slice(-6)}`,
    imageUrls: [...(seed.imageUrls ?? [])],
  };
}

export function addProduct(products: Map<string, Product>, seed?: ProductSeed): Product {
  const product = newProduct(seed);
  if (products.has(product.id)) throw new Error(`Product ${product.id} already exists`);
  products.set(product.id, product);
  return product;
}
