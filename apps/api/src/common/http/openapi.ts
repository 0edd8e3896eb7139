import { z } from 'zod';

/** The JSON Schema of a contracts schema, for @ApiBody / @ApiResponse in the OpenAPI document. */
export function zodSchema(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
