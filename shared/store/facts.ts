/**
 * What a command can learn from a write's condition instead of reading it
 * first (docs/architecture.md "Exactly once"): a fact the write asked about
 * and found already true. A command plans again from the same reads, knowing it.
 */
export type Fact =
  /** The villager was already served at this station this month (the month's served marker exists). */
  | { kind: 'served'; stationId: string; month: string; villagerId: string }
  /** The villager has been erased (consent withdrawn) since the order named them. */
  | { kind: 'villager-erased'; stationId: string; villagerId: string };

/** One string per fact, whatever the order of its fields. */
export const factKey = (fact: Fact): string => {
  switch (fact.kind) {
    case 'served':
      return `served|${fact.stationId}|${fact.month}|${fact.villagerId}`;
    case 'villager-erased':
      return `villager-erased|${fact.stationId}|${fact.villagerId}`;
  }
};

export const servedFact = (stationId: string, month: string, villagerId: string): Fact => ({ kind: 'served', stationId, month, villagerId });

export const villagerErasedFact = (stationId: string, villagerId: string): Fact => ({ kind: 'villager-erased', stationId, villagerId });
