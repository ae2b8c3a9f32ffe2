import { apiHandler } from '#http/api-handler.ts';
import { bind } from '#http/route.ts';
import { db } from '#store/db.ts';
import { ordersApi as api } from './api.ts';
import { cancelOrder } from './cancel-order.ts';
import { createCart, getCart, listCarts } from './carts.ts';
import { markArrived } from './mark-arrived.ts';
import { unlockOrder } from './unlock-order.ts';
import { pickUp } from './pick-up.ts';
import { placeOrder } from './place-order.ts';
import { quoteOrder } from './quote-order.ts';
import { getOrder, listLockedOrders, listOrders } from './read-orders.ts';
import { reprintReceipt } from './reprint-receipt.ts';
import { returnGoods } from './return-goods.ts';
import { takePayment } from './take-payment.ts';

export const routes = [
  bind(api.placeOrder, placeOrder),
  bind(api.quoteOrder, quoteOrder),
  bind(api.listOrders, listOrders),
  bind(api.getOrder, getOrder),
  bind(api.takePayment, takePayment),
  bind(api.markArrived, markArrived),
  bind(api.pickUp, pickUp),
  bind(api.cancelOrder, cancelOrder),
  bind(api.returnGoods, returnGoods),
  bind(api.reprintReceipt, reprintReceipt),
  bind(api.unlockOrder, unlockOrder),
  bind(api.listLockedOrders, listLockedOrders),
  bind(api.createCart, createCart),
  bind(api.listCarts, listCarts),
  bind(api.getCart, getCart),
];

export const handler = apiHandler(routes, { atColdStart: db });
