import { describe, expect, it, vi } from "vitest";
import { makeIssue } from "../../src/runtime/make-issue.js";
import {
  createRouter,
  type RouteOutcome,
} from "../../src/runtime/create-router.js";
import type {
  ValidationOptions,
  ValidationResult,
} from "../../src/runtime/run-guard.js";

interface Map {
  "invoice.created": { type: "invoice.created"; id: string };
  paid: { type: "invoice.paid"; id: string };
}
const names = ["invoice.created", "paid"];
const byType: Record<string, keyof Map> = {
  "invoice.created": "invoice.created",
  "invoice.paid": "paid",
};

/** A validator like a generated one: discriminated by `type`, whose value differs from the event name for `paid`. */
function validate(
  value: unknown,
  options: ValidationOptions,
): ValidationResult<Map[keyof Map]> & { event?: string } {
  if (typeof value !== "object" || value === null)
    return {
      ok: false,
      issues: [makeIssue([], "", "invalid_type", "object", value)],
    };
  const v = value as Record<string, unknown>;
  const event =
    typeof v.type === "string" && Object.hasOwn(byType, v.type)
      ? byType[v.type]
      : undefined;
  if (event === undefined)
    return {
      ok: false,
      issues: [
        makeIssue(["type"], "/type", "unknown_event", names.join(", "), v.type),
      ],
    };
  if (typeof v.id !== "string")
    return {
      ok: false,
      issues: [makeIssue(["id"], "/id", "invalid_type", "string", v.id)],
    };
  const extra = Object.keys(v).filter((k) => k !== "type" && k !== "id");
  if (extra.length > 0 && options.unknownProperties === "reject") {
    return {
      ok: false,
      issues: [
        makeIssue(
          [extra[0]!],
          `/${extra[0]}`,
          "unknown_property",
          undefined,
          v[extra[0]!],
        ),
      ],
    };
  }
  return { ok: true, value: v as never, warnings: [], event };
}

const quiet = () => undefined;

describe("createRouter", () => {
  it.each<[string, unknown, RouteOutcome["status"], string | undefined]>([
    [
      "an event whose discriminant equals its name",
      { type: "invoice.created", id: "1" },
      "handled",
      "invoice.created",
    ],
    [
      "an event named apart from its discriminant value",
      { type: "invoice.paid", id: "2" },
      "handled",
      "paid",
    ],
    [
      "an unknown discriminant",
      { type: "invoice.voided", id: "3" },
      "unknown",
      undefined,
    ],
    ["an invalid event", { type: "invoice.paid", id: 3 }, "invalid", undefined],
    ["not an object", "text", "invalid", undefined],
    [
      "a prototype key as discriminant",
      { type: "__proto__", id: "1" },
      "unknown",
      undefined,
    ],
  ])("routes %s", async (_name, value, status, event) => {
    const created = vi.fn();
    const paid = vi.fn();
    const router = createRouter<Map>(
      { on: { "invoice.created": created, paid }, onError: quiet },
      validate,
      names,
    );
    const outcome = await router.route(value);
    expect(outcome.status).toBe(status);
    if (event !== undefined) expect(outcome).toMatchObject({ event });
    expect(created).toHaveBeenCalledTimes(event === "invoice.created" ? 1 : 0);
    expect(paid).toHaveBeenCalledTimes(event === "paid" ? 1 : 0);
    if (event !== undefined)
      expect((event === "paid" ? paid : created).mock.calls[0]![0]).toBe(value);
  });

  it("passes unknown events to onUnknownEvent and reports invalid ones to onError", async () => {
    const onUnknownEvent = vi.fn();
    const onError = vi.fn();
    const router = createRouter<Map>(
      { onUnknownEvent, onError },
      validate,
      names,
    );
    await router.route({ type: "invoice.voided" });
    expect(onUnknownEvent).toHaveBeenCalledWith(
      { type: "invoice.voided" },
      expect.objectContaining({ issues: expect.any(Array) }),
    );
    await router.route({ type: "invoice.paid" });
    expect(onError).toHaveBeenCalledWith(
      expect.any(Error),
      expect.objectContaining({ stage: "validate" }),
    );
  });

  it("allows unknown properties by default and rejects them when asked", async () => {
    const value = { type: "invoice.paid", id: "1", added: true };
    expect(
      (
        await createRouter<Map>({ onError: quiet }, validate, names).route(
          value,
        )
      ).status,
    ).toBe("handled");
    expect(
      (
        await createRouter<Map>(
          { onError: quiet, unknownProperties: "reject" },
          validate,
          names,
        ).route(value)
      ).status,
    ).toBe("invalid");
  });

  it("turns a throwing or rejecting handler into a failed outcome, never a throw", async () => {
    const onError = vi.fn();
    const boom = new Error("boom");
    const router = createRouter<Map>(
      { on: { paid: async () => Promise.reject(boom) }, onError },
      validate,
      names,
    );
    const outcome = await router.route({ type: "invoice.paid", id: "1" });
    expect(outcome).toEqual({ status: "failed", event: "paid", error: boom });
    expect(onError).toHaveBeenCalledWith(boom, {
      stage: "handler",
      event: "paid",
    });
  });

  it.each<[string, string | Uint8Array, RouteOutcome["status"]]>([
    ["a JSON string", '{"type":"invoice.paid","id":"1"}', "handled"],
    [
      "UTF-8 bytes",
      new TextEncoder().encode('{"type":"invoice.paid","id":"1"}'),
      "handled",
    ],
    ["not JSON", "{", "invalid"],
    ["invalid UTF-8", new Uint8Array([0x7b, 0xff, 0x7d]), "invalid"],
  ])("routeBody parses %s", async (_name, body, status) => {
    const onError = vi.fn();
    const outcome = await createRouter<Map>(
      { onError },
      validate,
      names,
    ).routeBody(body);
    expect(outcome.status).toBe(status);
    if (status === "invalid")
      expect(onError.mock.calls[0]![1]).toMatchObject({ stage: "parse" });
  });

  it.each<[string, unknown, RegExp]>([
    ["no options", undefined, /needs an options object/],
    ["an unknown option", { secret: "x" }, /unknown option "secret"/],
    [
      "a handler for no event",
      { on: { "invoice.voided": () => 1 } },
      /not an event of this package/,
    ],
    [
      "a handler that is not a function",
      { on: { paid: 1 } },
      /must be a function/,
    ],
    [
      "an own __proto__ key",
      { on: JSON.parse('{"__proto__": {"paid": 1}}') },
      /"__proto__"\] must be a function/,
    ],
    [
      "a handler named __proto__",
      {
        on: Object.defineProperty({}, "__proto__", {
          value: () => 1,
          enumerable: true,
        }),
      },
      /"__proto__" is not an event/,
    ],
    [
      "on as a class instance",
      {
        on: new (class {
          paid() {}
        })(),
      },
      /plain object/,
    ],
    ["a bad mode", { unknownProperties: "maybe" }, /unknownProperties/],
    [
      "onError not a function",
      { onError: "log" },
      /onError must be a function/,
    ],
  ])("refuses %s at creation", (_name, options, message) => {
    expect(() => createRouter<Map>(options as never, validate, names)).toThrow(
      message,
    );
  });
});
