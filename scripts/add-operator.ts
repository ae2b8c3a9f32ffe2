/**
 * `npm run add-operator -- <phone> <name>`: the first operator of a new stage,
 * written straight to the table as `POST /v1/users` writes a user (every later
 * partner or operator is added by an operator, in the console or by the API).
 *
 * In AWS: `TABLE_NAME=<the stack's TableName output> AWS_REGION=<region>`, with
 * credentials that may write the table. Without TABLE_NAME: the local table
 * that `npm start` runs. README "Deploy to AWS".
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as z from 'zod/mini';
import { CreateUser } from '#functions/auth/schemas.ts';
import { newUser, type User } from '#domain/user.ts';
import { newId } from '#shared/ids.ts';
import { isMessageKey, msg, render } from '#shared/i18n/messages.ts';
import * as userStore from '#store/users.ts';

export async function addOperator(phone: string, name: string, now = new Date()): Promise<User> {
  const input = CreateUser().parse({ phone, name, role: 'ops' });
  const { user, change } = newUser(input, newId('user', now.getTime()), 'add-operator', now);
  await userStore.runUnkeyed(userStore.create(user, change));
  return user;
}

async function main() {
  const [phone, name] = process.argv.slice(2);
  if (!phone || !name) {
    console.error('Usage: npm run add-operator -- <phone> <name>   (TABLE_NAME and AWS_REGION name the stage; without them, the local table)');
    process.exit(1);
  }
  if (!process.env.TABLE_NAME) {
    process.env.TABLE_NAME = 'village-station-local';
    process.env.DYNAMODB_ENDPOINT ??= `http://127.0.0.1:${process.env.DYNAMODB_PORT ?? 8000}`;
    process.env.AWS_REGION ??= 'local';
  }
  try {
    const user = await addOperator(phone, name);
    console.log(
      `Added operator ${user.name} (${user.userId}): they sign in with ${user.phone} and the SMS code, then turn on an authenticator app (console, 安全).`,
    );
  } catch (error) {
    if (error instanceof z.core.$ZodError) {
      const said = (key: string) => (isMessageKey(key) ? render(msg(key), 'en') : key);
      console.error(`Cannot add the operator: ${error.issues.map((i) => `${i.path.join('.')}: ${said(i.message)}`).join('; ')}`);
    } else console.error(`Cannot add the operator: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

// Run, not imported (the tests import addOperator).
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) void main();
