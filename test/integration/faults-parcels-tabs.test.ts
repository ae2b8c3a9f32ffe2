import { parcelCommandNames, tabCommandNames } from '../support/money-commands.ts';
import { faultAtEveryStep } from '../support/faults.ts';

// DynamoDB faults at every step of the parcel and tab commands (test/support/faults.ts).
faultAtEveryStep([...parcelCommandNames, ...tabCommandNames]);
