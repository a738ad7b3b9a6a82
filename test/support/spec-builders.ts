/**
 * Small webhook specs for tests: an event whose JSON body is an object with `event` pinned to its name and the
 * given properties beside it (Zoom's shape, the least a spec needs to generate).
 */
export function webhook(
  name: string,
  body: { readonly properties: Record<string, unknown>; readonly required?: readonly string[] },
  options: { readonly responses?: boolean } = {},
): Record<string, unknown> {
  return {
    post: {
      requestBody: {
        content: {
          "application/json": {
            schema: {
              type: "object",
              required: ["event", ...(body.required ?? [])],
              properties: { event: { type: "string", enum: [name] }, ...body.properties },
            },
          },
        },
      },
      ...(options.responses === true ? { responses: { "200": { description: "OK" } } } : {}),
    },
  };
}

/** An OpenAPI 3.1 document of these webhooks. */
export function webhookSpec(title: string, webhooks: Record<string, unknown>, version = "1.0.0"): Record<string, unknown> {
  return { openapi: "3.1.0", info: { title, version }, webhooks };
}
