/** The OpenAPI document's file beside the platform function's bundle, written at synth (infra/station-stack.ts). */
export const openApiFile = 'openapi.json';
