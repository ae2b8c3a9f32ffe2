/**
 * Structured logs through the Lambda runtime's own JSON log format
 * (infra/api-function.ts sets `loggingFormat: JSON` and the level): the runtime
 * adds the timestamp, level and Lambda request id to every line, and drops lines
 * below the configured level before they cost anything. This replaces the
 * Powertools logger, whose 24 KB were a measurable share of cold start
 * (bench/README.md). Locally, LOG_LEVEL filters the same way.
 */
const levels = ['debug', 'info', 'warn', 'error', 'silent'] as const;
type Level = (typeof levels)[number];

const threshold = (): number => {
  const configured = (process.env.LOG_LEVEL ?? process.env.AWS_LAMBDA_LOG_LEVEL ?? 'info').toLowerCase() as Level;
  return Math.max(0, levels.indexOf(configured));
};

function errorFields(fields: Record<string, unknown>): Record<string, unknown> {
  const error = fields.error;
  if (!(error instanceof Error)) return fields;
  return { ...fields, error: { name: error.name, message: error.message, stack: error.stack } };
}

function write(level: Exclude<Level, 'silent'>, message: string, fields: Record<string, unknown>) {
  if (levels.indexOf(level) < threshold()) return;
  console[level]({ message, ...errorFields(fields) });
}

export const logger = {
  debug: (message: string, fields: Record<string, unknown> = {}) => write('debug', message, fields),
  info: (message: string, fields: Record<string, unknown> = {}) => write('info', message, fields),
  warn: (message: string, fields: Record<string, unknown> = {}) => write('warn', message, fields),
  error: (message: string, fields: Record<string, unknown> = {}) => write('error', message, fields),
};
