import { afterSalesCommandNames } from '../support/money-commands.ts';
import { faultAtEveryStep } from '../support/faults.ts';

// DynamoDB faults at every step of the after-sales commands (test/support/faults.ts).
faultAtEveryStep(afterSalesCommandNames);
