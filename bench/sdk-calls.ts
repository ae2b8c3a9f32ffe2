import { db } from '#store/db.ts';

let installed = false;
let sink: string[] | undefined;

/** Counts the DynamoDB commands a piece of work sends (the handlers share this client). */
export async function countCalls<T>(run: () => Promise<T>): Promise<{ result: T; calls: string[] }> {
  if (!installed) {
    installed = true;
    db().middlewareStack.add(
      (next, context) => async (args) => {
        sink?.push(String(context.commandName).replace(/Command$/, ''));
        return next(args);
      },
      { step: 'initialize', name: 'benchCallCounter' },
    );
  }
  sink = [];
  try {
    const result = await run();
    return { result, calls: sink };
  } finally {
    sink = undefined;
  }
}
