import { describe, expect, it } from "vitest";
import { CobrowseGenError } from "../src/errors.js";
import type { ObjectSchema, PropertyModel, SchemaNode } from "../src/model/model.js";
import { findDiscriminant, type DiscriminantInput } from "../src/normalize/find-discriminant.js";

const str = (values?: string[]): SchemaNode => ({ kind: "string", pointer: "/p", nullable: false, ...(values ? { enum: values } : {}) });
const prop = (name: string, schema: SchemaNode, required = true): PropertyModel => ({ name, required, schema });
const body = (...properties: PropertyModel[]): ObjectSchema => ({ kind: "object", pointer: "/b", nullable: false, properties, additionalProperties: true });
const event = (name: string, b: ObjectSchema, discriminatorProperty?: string): DiscriminantInput => ({
  name,
  pointer: `/webhooks/${name}`,
  file: "spec.json",
  body: b,
  ...(discriminatorProperty !== undefined ? { discriminatorProperty } : {}),
});

describe("findDiscriminant", () => {
  it.each([
    ["Zoom's event, pinned to the key", [event("a.x", body(prop("event", str(["a.x"])))), event("b.y", body(prop("event", str())))], undefined, { property: "event", source: "zoom" }, { "a.x": "a.x", "b.y": "b.y" }],
    ["a discriminator.propertyName", [event("a", body(prop("kind", str(["A"]))), "kind"), event("b", body(prop("kind", str(["B"]))), "kind")], undefined, { property: "kind", source: "discriminator" }, { a: "A", b: "B" }],
    ["a discriminator over a non-const property: the key", [event("a", body(prop("kind", str())), "kind"), event("b", body(prop("kind", str())), "kind")], undefined, { property: "kind", source: "discriminator" }, { a: "a", b: "b" }],
    ["a required const type, key ≠ value", [event("invoiceCreated", body(prop("type", str(["invoice.created"])))), event("invoicePaid", body(prop("type", str(["invoice.paid"]))))], undefined, { property: "type", source: "const" }, { invoiceCreated: "invoice.created", invoicePaid: "invoice.paid" }],
    ["type preferred over an earlier const", [event("a", body(prop("alpha", str(["1"])), prop("type", str(["A"])))), event("b", body(prop("alpha", str(["2"])), prop("type", str(["B"]))))], undefined, { property: "type", source: "const" }, { a: "A", b: "B" }],
    ["code-point order among others", [event("a", body(prop("zz", str(["1"])), prop("aa", str(["A"])))), event("b", body(prop("zz", str(["2"])), prop("aa", str(["B"]))))], undefined, { property: "aa", source: "const" }, { a: "A", b: "B" }],
    ["values shared: not a discriminant", [event("a", body(prop("type", str(["same"])), prop("x", str()))), event("b", body(prop("type", str(["same"]))))], undefined, undefined, {}],
    ["an optional const: not a discriminant", [event("a", body(prop("type", str(["A"]), false))), event("b", body(prop("type", str(["B"]), false)))], undefined, undefined, {}],
    ["the option wins", [event("a", body(prop("type", str(["A"])), prop("name", str(["n1"])))), event("b", body(prop("type", str(["B"])), prop("name", str(["n2"]))))], "/name", { property: "name", source: "option" }, { a: "n1", b: "n2" }],
  ] as const)("%s", (_, events, override, expected, values) => {
    const found = findDiscriminant(events, override);
    if (expected === undefined) expect(found.discriminant).toBeUndefined();
    else expect(found.discriminant).toEqual({ ...expected, pointer: `/${expected.property}` });
    expect(Object.fromEntries(found.values)).toEqual(values);
  });

  it.each([
    ["const", [event("a", body(prop("type", str(["A"])))), event("b", body(prop("type", str(["B"]))))], /discriminated by `\/type`/],
    ["none", [event("a", body(prop("x", str()))), event("b", body(prop("y", str())))], /No property tells the events apart/],
  ] as const)("reports the choice once (%s)", (_, events, message) => {
    const { warnings } = findDiscriminant(events);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ code: "discriminant", message: expect.stringMatching(message) });
  });

  it.each([
    ["a nested pointer", "/data/type", /not a JSON pointer to a top-level property/],
    ["no pointer", "type", /not a JSON pointer/],
    ["a property missing in one event", "/name", /"b" has no required `name`/],
    ["a property that is not a const", "/free", /"a" has no required `free`/],
    ["a property whose values repeat", "/same", /both have `same`/],
  ])("refuses --event-property with %s", (_, override, message) => {
    const events = [event("a", body(prop("name", str(["n"])), prop("free", str()), prop("same", str(["s"])))), event("b", body(prop("free", str()), prop("same", str(["s"]))))];
    let error: unknown;
    try {
      findDiscriminant(events, override);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CobrowseGenError);
    expect((error as CobrowseGenError).message).toMatch(message);
  });
});
