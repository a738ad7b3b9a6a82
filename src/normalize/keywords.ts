/** Keywords that only annotate: they never change what a value must look like. */
export const ANNOTATIONS: ReadonlySet<string> = new Set([
  "description",
  "title",
  "example",
  "examples",
  "default",
  "deprecated",
  "readOnly",
  "writeOnly",
  "$comment",
  "externalDocs",
  "xml",
  "$schema",
  "$id",
  "$anchor",
]);

/**
 * Constraints the guards do not enforce. Each is reported as a warning with its pointer and then ignored, which is the
 * safe direction for a receiver: the guards accept every value the spec accepts, and some it would reject.
 */
export const IGNORED: ReadonlySet<string> = new Set([
  "not",
  "if",
  "then",
  "else",
  "contains",
  "minContains",
  "maxContains",
  "propertyNames",
  "unevaluatedProperties",
  "unevaluatedItems",
  "dependentSchemas",
  "dependentRequired",
  "multipleOf",
  "uniqueItems",
  "minProperties",
  "maxProperties",
  "discriminator",
  "$dynamicRef",
]);
