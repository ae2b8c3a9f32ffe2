import type { Write } from './command.ts';
import { tableName } from './db.ts';
import { counterUpdate } from './expressions.ts';
import * as keys from './keys.ts';
import { read as readKeys, type Read } from './reads.ts';

// What a villager has sold the station in produce (ADDed by every weigh ticket): the suggestion's basis.

/** The amount in fen, as a command's read (none yet: 0). */
export const read = (stationId: string, villagerId: string): Read<number> =>
  readKeys([keys.produceSold(stationId, villagerId)], (found) => Number(found(keys.produceSold(stationId, villagerId))?.soldFen ?? 0));

export function add(stationId: string, villagerId: string, amountFen: number, at: string): Write {
  return {
    item: {
      Update: {
        TableName: tableName(),
        Key: keys.produceSold(stationId, villagerId),
        ...counterUpdate({ soldFen: amountFen, tickets: 1 }, { stationId, villagerId, type: 'produceSold', updatedAt: at }),
      },
    },
  };
}
