/** Request validation: bodies are checked strictly, URL parts may convert strings to numbers. */
import { Ajv, type Options } from 'ajv';
import ajvFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

// Fastify's default removes unknown properties and coerces types in bodies, which would hide a
// client's mistakes: here an unknown body field or a number for a string is a 400 naming the field.
const shared: Options = {
  useDefaults: true,
  removeAdditional: false,
  allErrors: false
};

function createAjv(options: Options): Ajv {
  const ajv = new Ajv({ ...shared, ...options });
  // ajv-formats is CommonJS; under NodeNext its plugin is the default export's `default`.
  ajvFormats.default(ajv);
  return ajv;
}

/** A validator compiler with a strict Ajv for bodies and a coercing one for params, query and headers. */
export function createValidatorCompiler(): FastifySchemaCompiler<unknown> {
  const strict = createAjv({ coerceTypes: false });
  const coercing = createAjv({ coerceTypes: 'array' });
  return ({ schema, httpPart }) =>
    (httpPart === 'body' ? strict : coercing).compile(
      schema as object
    ) as ReturnType<FastifySchemaCompiler<unknown>>;
}
