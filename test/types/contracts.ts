/**
 * Type tests, checked by `tsc` in `npm test`: each response schema's output is
 * the domain type it serialises (both ways assignable), so a field added to one
 * and not the other fails the build. The integration tests check the same at
 * run time (test/support/contract.ts).
 */
import type * as z from 'zod/mini';
import type * as bills from '#functions/bills/responses.ts';
import type { billPaymentView } from '#functions/bills/view.ts';
import type * as aftersales from '#functions/aftersales/responses.ts';
import type * as cash from '#functions/cash/responses.ts';
import type * as catalog from '#functions/catalog/responses.ts';
import type * as delivery from '#functions/delivery/responses.ts';
import type * as network from '#functions/network/responses.ts';
import type { OrderView } from '#functions/orders/order-view.ts';
import type * as orders from '#functions/orders/responses.ts';
import type { Biller, BillPayment } from '#domain/bill.ts';
import type * as produce from '#functions/produce/responses.ts';
import type { Lot, Produce, Quote, WeighTicket } from '#domain/produce.ts';
import type { Claim, InstallationJob } from '#domain/after-sales.ts';
import type { Cart } from '#domain/cart.ts';
import type { Run } from '#domain/delivery/run.ts';
import type { Task } from '#domain/delivery/task.ts';
import type { Balances, Entry } from '#domain/ledger.ts';
import type { Product, PublicProduct } from '#domain/product.ts';
import type { Statement } from '#domain/statement.ts';
import type { Station } from '#domain/station.ts';
import type { Villager } from '#domain/villager.ts';
import type { balancesView } from '#functions/cash/balances.ts';
import type { LockedOrder } from '#store/orders.ts';

type Out<S extends () => z.ZodMiniType> = z.output<ReturnType<S>>;
/** The same type written plainly, at every depth (so `Omit<…> & {…}` compares with a flat object). */
type Plain<T> = T extends readonly (infer E)[] ? Plain<E>[] : T extends object ? { [K in keyof T]: Plain<T[K]> } : T;
/** True only when A and B are identical, optional fields included. */
type Same<A, B> = (<T>() => T extends Plain<A> ? 1 : 2) extends <T>() => T extends Plain<B> ? 1 : 2 ? true : false;
type Holds<T extends true> = T;

export type Contracts = [
  Holds<Same<Out<typeof orders.Order>, OrderView>>,
  Holds<Same<Out<typeof orders.Cart>, Cart>>,
  Holds<Same<Out<typeof orders.LockedOrder>, LockedOrder>>,
  Holds<Same<Out<typeof network.Station>, Station>>,
  Holds<Same<Out<typeof network.Villager>, Villager>>,
  // One schema for both views: ops see the merchant cost, partners and the kiosk the saving.
  Holds<Same<Out<typeof catalog.Product>, Omit<Product, 'merchantCostFen'> & Partial<Pick<Product, 'merchantCostFen'> & Pick<PublicProduct, 'savingFen'>>>>,
  Holds<Same<Out<typeof delivery.Run>, Run>>,
  Holds<Same<Out<typeof delivery.Task>, Task>>,
  Holds<Same<Omit<Out<typeof cash.Balances>, 'stationId' | 'cashLimitFen' | 'overLimit'>, Balances>>,
  Holds<Same<Out<typeof cash.StationCashList>['items'][number], { station: Pick<Station, 'stationId' | 'name' | 'county'> } & ReturnType<typeof balancesView>>>,
  Holds<Same<Out<typeof cash.Entry>, Entry>>,
  Holds<Same<Omit<Out<typeof cash.Statement>, 'stationId'>, Statement>>,
  Holds<Same<Out<typeof bills.Biller>, Biller>>,
  // A payment as the API shows it: all of it but `notAfter`, which is between us and the gateway.
  Holds<Same<Out<typeof bills.BillPayment>, Omit<BillPayment, 'notAfter' | 'updatedAt'>>>,
  Holds<Same<Out<typeof bills.BillPayment>, ReturnType<typeof billPaymentView>>>,
  Holds<Same<Out<typeof produce.Produce>, Produce>>,
  Holds<Same<Out<typeof produce.Quote>, Quote>>,
  Holds<Same<Omit<Out<typeof produce.TicketResult>, 'villagerCreditFen'>, WeighTicket>>,
  Holds<Same<Omit<Out<typeof produce.LotSummary>, 'tickets'>, Lot>>,
  Holds<Same<Out<typeof network.VillagerWithCredit>, Villager & { creditFen: number }>>,
  Holds<Same<Out<typeof aftersales.Installation>, InstallationJob>>,
  Holds<Same<Out<typeof aftersales.Claim>, Claim>>,
];
