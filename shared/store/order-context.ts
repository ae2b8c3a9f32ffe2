import type { Balances } from '#domain/ledger.ts';
import { storedProduct, type Product } from '#domain/product.ts';
import type { Station } from '#domain/station.ts';
import type { Villager } from '#domain/villager.ts';
import { NotFoundError } from '#shared/errors.ts';
import { getMany } from './batch.ts';
import { withoutKeys } from './items.ts';
import * as keys from './keys.ts';
import { balancesOf } from './ledger.ts';
import { read, type Read } from './reads.ts';

export interface OrderContext {
  station: Station;
  villager?: Villager;
  balances: Balances;
  products: Map<string, Product>;
}

/** Everything placing or pricing an order needs, as one read (a command fetches it with its idempotency record). */
export function orderContextRead(stationId: string, villagerId: string | undefined, skus: readonly string[]): Read<OrderContext> {
  const needed = [
    keys.station(stationId),
    keys.cash(stationId),
    ...(villagerId ? [keys.villager(stationId, villagerId)] : []),
    ...skus.map((sku) => keys.product(sku)),
  ];
  return read(needed, (lookup) => {
    const station = lookup(keys.station(stationId));
    if (!station) throw new NotFoundError('station');
    const villager = villagerId ? lookup(keys.villager(stationId, villagerId)) : undefined;
    if (villagerId && !villager) throw new NotFoundError('villager');
    const products = new Map<string, Product>();
    for (const sku of skus) {
      const item = lookup(keys.product(sku));
      if (item) products.set(sku, storedProduct(withoutKeys<Product>(item)));
    }
    return {
      station: withoutKeys<Station>(station),
      ...(villager ? { villager: withoutKeys<Villager>(villager) } : {}),
      balances: balancesOf(lookup(keys.cash(stationId))),
      products,
    };
  });
}

/** The same in one BatchGetItem round trip, for a quote that writes nothing. */
export async function readOrderContext(stationId: string, villagerId: string | undefined, skus: readonly string[]): Promise<OrderContext> {
  const context = orderContextRead(stationId, villagerId, skus);
  return context.from(await getMany(context.keys));
}
