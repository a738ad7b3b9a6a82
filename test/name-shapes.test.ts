import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../src/errors.js";
import type { EventModel, ObjectSchema, SchemaNode } from "../src/model/model.js";
import { nameShapes, shapeFingerprint } from "../src/normalize/name-shapes.js";
import { recordNames, type RecordedNames } from "../src/normalize/record-names.js";
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

/** Every named occurrence, as `event/path`: one table row can hold several events with the same paths. */
const namesByEvent = (events: readonly EventModel[]) => Object.assign({}, ...events.map((e) => Object.fromEntries(Object.entries(typeNamesOf(e.body)).map(([p, n]) => [`${e.name}${p}`, n]))));

/** What names.json records for a set of events named today. */
function recorded(events: EventModel[], reserved = new Set<string>()): RecordedNames {
  const { events: named, namedTypes } = nameShapes(events, reserved);
  return recordNames({ title: "T", version: "1", packageName: "t", packageVersion: "1.0.0", events: named, namedTypes });
}

const host = obj({ id: { type: "string" }, name: { type: "string" } });
const guest = obj({ id: { type: "string" }, email: { type: "string" } });
const renamedHost = obj({ id: { type: "string" }, display_name: { type: "string" } });
const started = (payload: Record<string, unknown>) => event("m.started", "MStartedEvent", obj({ payload: obj(payload) }));
const hostShape = shapeFingerprint((started({ host }).body.properties[0]!.schema as ObjectSchema).properties[0]!.schema);
const added = event("a.added", "AAddedEvent", obj({ payload: obj({ host: guest, cohost: guest }) }));

describe("nameShapes with the names a previous run recorded (names.json)", () => {
  it.each([
    {
      title: "without them, a new event sorted first takes a shape's name (the problem they solve)",
      previous: undefined,
      events: [added, started({ host, cohost: host })],
      names: { "a.added/payload/host": "Host", "a.added/payload/cohost": "Host", "m.started/payload/host": "MStartedHost", "m.started/payload/cohost": "MStartedHost" },
    },
    {
      title: "1. the same shape keeps its name, and the new shape is named around it",
      previous: recorded([started({ host, cohost: host })]),
      events: [added, started({ host, cohost: host })],
      names: { "a.added/payload/host": "AAddedHost", "a.added/payload/cohost": "AAddedHost", "m.started/payload/host": "Host", "m.started/payload/cohost": "Host" },
    },
    {
      title: "1. ... wherever it moved, and though it occurs only once now (so would not be named today)",
      previous: recorded([started({ host, cohost: host })]),
      events: [added, started({ organizer: host })],
      names: { "a.added/payload/host": "AAddedHost", "a.added/payload/cohost": "AAddedHost", "m.started/payload/organizer": "Host" },
    },
    {
      title: "2. a shape changed in place (a property renamed) keeps the name recorded at its pointer",
      previous: recorded([started({ host, cohost: host })]),
      events: [added, started({ host: renamedHost, cohost: renamedHost })],
      names: { "a.added/payload/host": "AAddedHost", "a.added/payload/cohost": "AAddedHost", "m.started/payload/host": "Host", "m.started/payload/cohost": "Host" },
    },
    {
      title: "2. ... unless its old shape still exists elsewhere: then the old shape keeps the name",
      previous: recorded([started({ host, cohost: host })]),
      events: [event("z.other", "ZOtherEvent", obj({ payload: obj({ who: host }) })), started({ host: renamedHost, cohost: renamedHost })],
      names: { "z.other/payload/who": "Host", "m.started/payload/host": "MStartedHost", "m.started/payload/cohost": "MStartedHost" },
    },
    {
      title: "3. a name whose shape and pointer are both gone is free again, for the usual rules",
      previous: recorded([started({ host, cohost: host })]),
      events: [added],
      names: { "a.added/payload/host": "Host", "a.added/payload/cohost": "Host" },
    },
    {
      title: "a recorded name that an event (or a reserved export) now has is given up",
      previous: recorded([started({ host, cohost: host })]),
      events: [event("host", "Host", obj({ payload: obj({ x: { type: "string" } }) })), started({ host, cohost: host })],
      names: { "m.started/payload/host": "MStartedHost", "m.started/payload/cohost": "MStartedHost" },
    },
    {
      title: "a hand-edited file that gives one shape two names: the first in code-point order",
      previous: {
        events: new Map(),
        types: new Map([
          ["Zed", { shape: hostShape, pointer: "/nowhere" }],
          ["Alpha", { shape: hostShape, pointer: "/elsewhere" }],
        ]),
      },
      events: [started({ host, cohost: host })],
      names: { "m.started/payload/host": "Alpha", "m.started/payload/cohost": "Alpha" },
    },
  ])("$title", ({ previous, events, names }) => {
    const { events: named } = nameShapes(events, new Set(["WebhookEvent"]), previous === undefined ? {} : { previous });
    expect(namesByEvent(named)).toEqual(names);
  });

  it("lists pinned and new types in first-occurrence order, as without previous names", () => {
    const previous = recorded([started({ host, cohost: host })]);
    const { namedTypes } = nameShapes([added, started({ host, cohost: host })], new Set(), { previous });
    expect(namedTypes.map((t) => t.name)).toEqual(["AAddedHost", "Host"]);
  });
});
