/**
 * The API's answers, as the pages see them: inferred from the very schemas the
 * API is described by (type-only imports: nothing of them is bundled).
 */
import type * as z from 'zod/mini';
import type * as bills from '#functions/bills/responses.ts';
import type * as aftersales from '#functions/aftersales/responses.ts';
import type * as cash from '#functions/cash/responses.ts';
import type * as catalog from '#functions/catalog/responses.ts';
import type * as delivery from '#functions/delivery/responses.ts';
import type * as messages from '#functions/messages/responses.ts';
import type * as auth from '#functions/auth/responses.ts';
import type * as network from '#functions/network/responses.ts';
import type * as orders from '#functions/orders/responses.ts';
import type * as produce from '#functions/produce/responses.ts';
import type * as tabs from '#functions/tabs/responses.ts';

type Out<F extends () => z.ZodMiniType> = z.output<ReturnType<F>>;

export type StationView = Out<typeof network.Station>;
export type VillagerView = Out<typeof network.Villager>;
export type ProductView = Out<typeof catalog.Product>;
export type OrderView = Out<typeof orders.Order>;
export type ReceiptView = Out<typeof orders.Receipt>;
export type OrderListItem = Out<typeof orders.OrderListItem>;
export type CartView = Out<typeof orders.Cart>;
export type QuoteView = Out<typeof orders.QuoteResult>;
export type Balances = Out<typeof cash.Balances>;
export type RemitView = Out<typeof cash.RemitResult>;
export type Statement = Out<typeof cash.Statement>;
export type CashCountView = Out<typeof cash.CashCountResult>;
export type RunView = Out<typeof delivery.PlannedRun>;
export type StopView = RunView['trips'][number]['stops'][number];
export type RunSheetView = Out<typeof delivery.RunSheet>;
export type TaskView = Out<typeof delivery.Task>;
export type RemittanceView = Out<typeof cash.Remittance>;
export type BillerView = Out<typeof bills.Biller>;
export type AccountView = Out<typeof bills.Account>;
export type BillPaymentView = Out<typeof bills.BillPayment>;
export type FlaggedCountView = Out<typeof cash.FlaggedCountList>['items'][number];
export type StationCashView = Out<typeof cash.StationCashList>['items'][number];
export type LockedOrderView = Out<typeof orders.LockedOrderList>['items'][number];
export type RankingRow = Out<typeof cash.Ranking>['items'][number];
export type RiskView = Out<typeof cash.RiskView>;
export type MessageView = Out<typeof messages.Message>;
export type UnreachedMessage = Out<typeof messages.UnreachedList>['items'][number];
export type ImportOutcomeView = Out<typeof catalog.ImportOutcome>;
export type InstallationView = Out<typeof aftersales.Installation>;
export type ClaimView = Out<typeof aftersales.ClaimView>;
export type ResolutionView = Out<typeof aftersales.Resolution>;
export type CancelledView = Out<typeof aftersales.Cancelled>;
export type Page<T> = { items: T[]; next?: string };
export type VillagerWithCredit = Out<typeof network.VillagerWithCredit>;
export type ProduceView = Out<typeof produce.Produce>;
export type ProduceQuote = Out<typeof produce.Quote>;
export type TicketView = Out<typeof produce.TicketResult>;
export type LotSummary = Out<typeof produce.LotSummary>;
export type PayoutView = Out<typeof produce.PayoutResult>;
export type DispatchView = Out<typeof produce.DispatchResult>;
export type SynonymView = Out<typeof catalog.Synonym>;
export type PaymentView = Out<typeof orders.PaymentResult>;
export type TabView = Out<typeof tabs.TabView>;
export type TabRequestView = Out<typeof tabs.TabRequest>;
export type ConfirmationView = Out<typeof tabs.Confirmation>;
export type TabRepaymentView = Out<typeof tabs.RepaymentResult>;

/** A user who signs in by phone (or a paired kiosk), as ops see them. */
export type UserView = Out<typeof auth.User>;
