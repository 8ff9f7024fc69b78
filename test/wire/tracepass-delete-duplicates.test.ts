import { Agent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator, type Fault, type Product } from '../../src/emulator/index.js';
import { UpstreamError } from '../../src/http/errors.js';
import { deleteImageChecked } from '../../src/platforms/tracepass/delete-checked.js';
import { tracepassClient } from '../helpers/clients.js';
import { requestLines } from '../helpers/observe.js';

/**
 * A product may hold the same URL twice. When a DELETE's answer is lost, the image is gone only if the
 * product now holds one copy fewer: the URL still being there says nothing.
 */
const twice = 'https://cdn.example/twice.png';
const other = 'https://cdn.example/other.png';

let emulator: Emulator;
let agent: Agent;
beforeEach(async () => {
  emulator = await startEmulator();
  agent = new Agent();
});
afterEach(async () => {
  await agent.close();
  await emulator.close();
});

/**
 * Deletes the second copy (index 2 of [twice, other, twice]) while the DELETE meets `fault`; `meanwhile`
 * runs after the DELETE and before the product is read again, as another client's change would.
 */
async function deleteSecondCopy(kind: Fault['kind'], meanwhile?: (product: Product) => void) {
  const product = emulator.addProduct({ imageUrls: [twice, other, twice] });
  emulator.inject({ platform: 'tracepass', method: 'DELETE', kind } as Fault);
  let next: typeof meanwhile;
  const dispatcher = agent.compose((dispatch) => (options, handler) => {
    next?.(product);
    next = options.method === 'DELETE' ? meanwhile : undefined;
    return dispatch(options, handler);
  });
  const client = tracepassClient(emulator.env, { dispatcher });
  const outcome = await deleteImageChecked(client, product.id, 2).catch((error: unknown) => error);
  const read = `GET /api/v1/products/${product.id} 200`;
  const del = `DELETE /api/v1/products/${product.id}/images/2 dropped`;
  expect(requestLines(emulator)).toEqual([read, del, read]);
  return { outcome, product };
}

const stillThere = (index: number, of: number) =>
  `The image is still on the product, now at index ${index} of ${of}; the DELETE was not resent because ` +
  `indices shift. To retry safely, call tracepass_delete_image with index ${index} and expected_url ${twice}.`;

describe('a DELETE whose answer was lost, on a product holding its URL twice', () => {
  it('is reported done when one copy is gone, though the URL is still on the product', async () => {
    const { outcome, product } = await deleteSecondCopy('drop-after-store');
    expect(product.imageUrls).toEqual([twice, other]);
    expect(outcome).toEqual({ deletedUrl: twice, imageUrls: [twice, other] });
  });

  it('is reported not done when both copies are still there, and is not resent', async () => {
    const { outcome, product } = await deleteSecondCopy('drop-before-store');
    expect(product.imageUrls).toEqual([twice, other, twice]);
    expect(outcome).toBeInstanceOf(UpstreamError);
    expect((outcome as UpstreamError).fix).toBe(stillThere(0, 3));
  });

  it('is reported not done when another image went meanwhile but both copies are still there', async () => {
    const removeOther = (product: Product) => product.imageUrls.splice(product.imageUrls.indexOf(other), 1);
    const { outcome, product } = await deleteSecondCopy('drop-before-store', removeOther);
    expect(product.imageUrls).toEqual([twice, twice]);
    expect((outcome as UpstreamError).fix).toBe(stillThere(0, 2));
  });
});
