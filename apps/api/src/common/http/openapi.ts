import { applyDecorators } from '@nestjs/common';
import { ApiProduces, ApiQuery, ApiResponse } from '@nestjs/swagger';
import { z } from 'zod';

/**
 * The JSON Schema of a contracts schema, for the OpenAPI document: `input` (the default) is what a client may
 * send (request bodies, query strings), `output` what the api answers.
 */
export function zodSchema(schema: z.ZodType, io: 'input' | 'output' = 'input'): Record<string, unknown> {
  // The document is OpenAPI 3.0 (what @nestjs/swagger writes): its Schema Objects are a dialect of JSON Schema
  // draft 4 (`nullable`, boolean `exclusiveMinimum`, no `const` or type arrays), not draft 2020-12.
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'openapi-3.0' }) as Record<
    string,
    unknown
  >;
  delete json.$schema;
  return json;
}

/**
 * Declares a JSON answer described by a contracts schema (its output side), at `status` (200 unless given);
 * `mediaType` for JSON served under its own type (`application/did+json`).
 */
export function ApiResponseFrom(
  schema: z.ZodType,
  status = 200,
  description = '',
  mediaType = 'application/json',
): MethodDecorator & ClassDecorator {
  return ApiResponse({
    status,
    description,
    content: { [mediaType]: { schema: zodSchema(schema, 'output') } },
  });
}

/**
 * A public page outside /api that answers HTML to browsers and, to a client that asks for JSON explicitly,
 * the JSON described by `schema`.
 */
export function ApiPageOrJsonResponse(schema: z.ZodType, status = 200, description = ''): MethodDecorator {
  return ApiResponse({
    status,
    description,
    content: {
      'text/html': { schema: { type: 'string' } },
      'application/json': { schema: zodSchema(schema, 'output') },
    },
  });
}

/**
 * Declares one query parameter per key of a contracts query schema (a zod object), each with its JSON Schema
 * (input side) and whether it is required, so the document lists what the handler validates.
 */
export function ApiQueryFrom(schema: z.ZodObject): MethodDecorator {
  const json = zodSchema(schema) as {
    properties?: Record<string, Record<string, unknown>>;
    required?: string[];
  };
  const required = new Set(json.required ?? []);
  const decorators = Object.entries(json.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return ApiQuery({
      name,
      required: required.has(name),
      description: typeof description === 'string' ? description : undefined,
      schema: rest,
    });
  });
  return applyDecorators(...decorators);
}

/**
 * Declares an answer that is not JSON described by a contracts schema: a file or page of `mediaType` (CSV, PDF,
 * HTML, a JSON-LD document), at `status`.
 */
export function ApiMediaResponse(mediaType: string, status = 200, description = ''): MethodDecorator {
  return applyDecorators(
    ApiProduces(mediaType),
    ApiResponse({
      status,
      description,
      content: { [mediaType]: { schema: { type: 'string', format: 'binary' } } },
    }),
  );
}

/** Declares an answer without a body: 204 (done), or a redirect (302/303) with its `Location` header. */
export function ApiEmptyResponse(
  status: 204 | 301 | 302 | 303 = 204,
  description = 'No content',
): MethodDecorator {
  return ApiResponse({
    status,
    description,
    ...(status === 204
      ? {}
      : { headers: { Location: { description: 'Where to go next', schema: { type: 'string' } } } }),
  });
}
