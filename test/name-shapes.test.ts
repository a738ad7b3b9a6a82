import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../src/errors.js";
import type { EventModel, ObjectSchema, SchemaNode } from "../src/model/model.js";
import { nameShapes } from "../src/normalize/name-shapes.js";
import { normalizeSchema } from "../src/normalize/normalize-schema.js";

function event(name: string, typeName: string, body: unknown): EventModel {
  const warnings: Diagnostic[] = [];
  return {
    name,
    typeName,
    fileName: name,
    pointer: `/webhooks/${name}`,
    body: normalizeSchema(body, `/webhooks/${name}/s`, { file: "spec.json", warnings }) as ObjectSchema,
    examples: [],
  };
}

const obj = (properties: Record<string, unknown>) => ({ type: "object", properties });
const user = obj({ id: { type: "string" }, email: { type: "string", description: "one description" } });
const userOtherDocs = obj({ id: { type: "string" }, email: { type: "string", description: "another description" } });
const big = obj(Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`f${i}`, { type: "string" }])));

function typeNamesOf(node: SchemaNode, out: Record<string, string> = {}, path = ""): Record<string, string> {
  if (node.kind === "object") {
    if (node.typeName !== undefined) out[path] = node.typeName;
    for (const p of node.properties) typeNamesOf(p.schema, out, `${path}/${p.name}`);
  }
  if (node.kind === "array") typeNamesOf(node.items, out, `${path}/*`);
  return out;
}

describe("nameShapes: which nested objects get a name, and which name", () => {
  it.each([
    {
      title: "a shape that repeats (documentation aside) gets one name, from its property",
      events: [event("a.created", "ACreatedEvent", obj({ payload: obj({ owner: user, editor: userOtherDocs }) }))],
      names: { "/payload/owner": "Owner", "/payload/editor": "Owner" },
    },
    {
      title: "generic property names (object, old_object) take the event's name; arrays the singular",
      events: [event("a.updated", "AUpdatedEvent", obj({ payload: obj({ object: user, old_object: user, members: { type: "array", items: user } }) }))],
      names: { "/payload/object": "AUpdatedObject", "/payload/old_object": "AUpdatedObject", "/payload/members/*": "AUpdatedObject" },
    },
    {
      title: "a large object deep down is named even once; shallow or small ones stay literals",
      events: [event("a.b", "ABEvent", obj({ payload: obj({ object: obj({ config: big, small: obj({ x: { type: "string" } }) }) }) }))],
      names: { "/payload/object/config": "Config" },
    },
    {
      title: "identical shapes share a name; a name taken by another shape goes to the parent's; globals are avoided",
      events: [
        event("a.one", "AOneEvent", obj({ payload: obj({ object: obj({ host: obj({ settings: big }), guest: obj({ file: big }) }) }), x: obj({ file: user }), y: obj({ file: user }) })),
        event("b.two", "BTwoEvent", obj({ payload: obj({ object: obj({ owner: obj({ settings: obj({ ...big.properties, extra: { type: "integer" } }) }) }) }) })),
      ],
      names: {
        "/payload/object/host": "Host",
        "/payload/object/host/settings": "HostSettings",
        "/payload/object/guest": "Guest",
        "/payload/object/guest/file": "HostSettings",
        "/x": "X",
        "/x/file": "XFile",
        "/y": "X",
        "/y/file": "XFile",
        "/payload/object/owner": "Owner",
        "/payload/object/owner/settings": "OwnerSettings",
      },
    },
  ])("$title", ({ events, names }) => {
    const { events: named } = nameShapes(events, new Set(["WebhookEvent"]));
    const found = Object.assign({}, ...named.map((e) => typeNamesOf(e.body)));
    expect(found).toEqual(names);
  });

  it("is deterministic and lists every named type once, with its first pointer", () => {
    const events = [event("a.updated", "AUpdatedEvent", obj({ payload: obj({ object: user, old_object: user }) }))];
    const first = nameShapes(events, new Set());
    const second = nameShapes(events, new Set());
    expect(first).toEqual(second);
    expect(first.namedTypes.map((t) => [t.name, t.pointer])).toEqual([["AUpdatedObject", "/webhooks/a.updated/s/properties/payload/properties/object"]]);
  });

  it("never takes an event's type name or a reserved export", () => {
    const events = [event("owner.x", "Owner", obj({ payload: obj({ owner: user, again: user }) }))];
    const { namedTypes } = nameShapes(events, new Set(["WebhookEvent"]));
    expect(namedTypes.map((t) => t.name)).toEqual(["OwnerOwner"]);
  });
});
