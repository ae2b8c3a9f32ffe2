import { afterSalesCommandNames, moneyCommandNames, parcelCommandNames, tabCommandNames } from '../support/money-commands.ts';
import { faultAtEveryStep } from '../support/faults.ts';

// DynamoDB faults at every step: orders, cash, bills and produce (after-sales, parcels and tabs have files of their own).
const elsewhere = new Set<string>([...afterSalesCommandNames, ...parcelCommandNames, ...tabCommandNames]);
faultAtEveryStep(moneyCommandNames.filter((name) => !elsewhere.has(name)));
