// The cold-request floor: the floor's client (bench/floor.ts), built at load, and the raw commands a route's calls are replayed with.
import { client } from './floor.ts';
import { rawCommands } from './floor-commands.ts';

export const send = rawCommands(client);
