// The cold-request floor with the functions' client settings: the same client (bench/floor-same.ts), and the same raw commands.
import { client } from './floor-same.ts';
import { rawCommands } from './floor-commands.ts';

export const send = rawCommands(client);
