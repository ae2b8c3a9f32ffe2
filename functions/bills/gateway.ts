import { billGateway, BillGatewayUnavailableError } from '#gateway/bill-gateway.ts';

/** The one gateway client of this function (its settings are read on first use, once per container). */
export const gateway = billGateway();

export { BillGatewayUnavailableError };
