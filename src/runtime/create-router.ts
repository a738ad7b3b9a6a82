/**
 * The router of packages made from a spec that is not Zoom's: a parsed body in, the event validated and handed to its
 * typed handler. It verifies nothing (no signature scheme is known for the spec, or the user's framework verifies);
 * `createWebhookHandler` of a `--receiver standard` package verifies the Standard Webhooks signature before it.
 */
import { kindOf, readHandlers } from "./create-handler.js";
import type { ValidationIssue } from "./make-issue.js";
import {
  parseAndValidate,
  type UnknownPropertiesMode,
  type ValidationOptions,
  type ValidationResult,
} from "./run-guard.js";

/** Handlers by event name (`M`: event name → event type): each receives its exact event type. */
export type RouteHandlers<M> = {
  readonly [K in keyof M]?: (event: M[K]) => unknown;
};

/** Where routing failed, for `onError`. */
export interface RouteErrorContext {
  /** "parse": the body is not JSON; "validate": the event does not match the spec; "handler": a handler threw. */
  readonly stage: "parse" | "validate" | "handler";
  /** The event name, once known. */
  readonly event?: string;
  readonly issues?: readonly ValidationIssue[];
}

export interface RouterOptions<M> {
  /** Read once, at creation; only its own properties are handlers, each for an event of this package. */
  readonly on?: RouteHandlers<M>;
  /**
   * A value whose discriminant names no event of this package (the vendor added one). Without it, such events are
   * answered `"unknown"` and nothing runs. A package whose events have no discriminant never calls it: a value no event
   * matches is `"invalid"`.
   */
  readonly onUnknownEvent?: (value: unknown, context: { readonly issues: readonly ValidationIssue[] }) => unknown;
  /** Every failure, with its stage; default: console.error. */
  readonly onError?: (error: unknown, context: RouteErrorContext) => void;
  /**
   * "allow" (default): a property the spec does not define is tolerated (vendors add fields to live events without
   * notice). "reject": it makes the event invalid.
   */
  readonly unknownProperties?: UnknownPropertiesMode;
}

/** What `route` did with a value. */
export type RouteOutcome =
  /** The event was valid and its handler (if any) finished. */
  | { readonly status: "handled"; readonly event: string }
  /** No event of the package has the value's discriminant; onUnknownEvent (if any) finished. */
  | { readonly status: "unknown"; readonly issues: readonly ValidationIssue[] }
  /** The value is not JSON, or not an event of the spec: answer 400. */
  | { readonly status: "invalid"; readonly issues: readonly ValidationIssue[] }
  /** A handler threw or rejected (reported to onError): answer 500 so that the sender retries. */
  | {
      readonly status: "failed";
      readonly event?: string;
      readonly error: unknown;
    };

export interface WebhookRouter {
  /** Validates a parsed body and runs its handler. Never throws: every outcome is a value. */
  route(value: unknown): Promise<RouteOutcome>;
  /** `route` of the body's JSON (a string, or UTF-8 bytes). */
  routeBody(body: string | Uint8Array): Promise<RouteOutcome>;
}

const OPTIONS = ["on", "onUnknownEvent", "onError", "unknownProperties"];

/**
 * Binds the router to a package's validator and event names. The validator's result names the event it matched
 * (`event`), which is how an event is routed when its body has no property that names it.
 */
export function createRouter<M>(
  options: RouterOptions<M>,
  validate: (value: unknown, options: ValidationOptions) => ValidationResult<M[keyof M]> & { readonly event?: string },
  eventNames: readonly string[],
): WebhookRouter {
  if (typeof options !== "object" || options === null) {
    throw new TypeError("The router needs an options object: { on, onUnknownEvent, onError }, got " + kindOf(options));
  }
  for (const key of Object.keys(options)) {
    if (!OPTIONS.includes(key)) {
      throw new TypeError(`unknown option ${JSON.stringify(key)} (the options are: ${OPTIONS.join(", ")})`);
    }
  }
  for (const name of ["onUnknownEvent", "onError"] as const) {
    const value: unknown = options[name];
    if (value !== undefined && typeof value !== "function") {
      throw new TypeError(`${name} must be a function, got ${kindOf(value)}`);
    }
  }
  if (![undefined, "allow", "reject"].includes(options.unknownProperties)) {
    throw new TypeError('unknownProperties must be "allow" or "reject"');
  }
  const handlers = readHandlers(options.on, eventNames);
  const report =
    options.onError ?? ((error: unknown, context: RouteErrorContext) => console.error("[webhook]", context, error));
  const onError = (error: unknown, context: RouteErrorContext): void => {
    try {
      report(error, context);
    } catch (failure) {
      console.error("[webhook] onError threw", failure);
    }
  };
  const validation: ValidationOptions = {
    unknownProperties: options.unknownProperties ?? "allow",
  };

  async function dispatch(
    result: ValidationResult<M[keyof M]> & { readonly event?: string },
    value: () => unknown,
  ): Promise<RouteOutcome> {
    if (!result.ok) {
      const unknown = result.issues.length === 1 && result.issues[0]?.code === "unknown_event";
      if (unknown) {
        const handler = options.onUnknownEvent;
        if (handler !== undefined) {
          try {
            await handler(value(), { issues: result.issues });
          } catch (error) {
            onError(error, { stage: "handler" });
            return { status: "failed", error };
          }
        }
        return { status: "unknown", issues: result.issues };
      }
      const parse = result.issues.length === 1 && result.issues[0]?.code === "invalid_json";
      onError(new Error(parse ? result.issues[0]!.message : "The event does not match the spec"), {
        stage: parse ? "parse" : "validate",
        issues: result.issues,
      });
      return { status: "invalid", issues: result.issues };
    }
    const name = result.event ?? (result.value as { event?: unknown }).event;
    if (typeof name !== "string") {
      // A validator of this package always names the event; a foreign one may not.
      throw new TypeError("the package's validator did not name the event it matched");
    }
    const handler = handlers.get(name);
    if (handler !== undefined) {
      try {
        await handler(result.value);
      } catch (error) {
        onError(error, { stage: "handler", event: name });
        return { status: "failed", event: name, error };
      }
    }
    return { status: "handled", event: name };
  }

  return {
    route: (value) => dispatch(validate(value, validation), () => value),
    routeBody(body) {
      let parsed: unknown;
      const result = parseAndValidate(body, validation, (value, options) => {
        parsed = value;
        return validate(value, options ?? validation);
      });
      return dispatch(result, () => parsed);
    },
  };
}
