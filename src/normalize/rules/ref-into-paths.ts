import { joinPointer, parsePointer, resolvePointer } from "../../model/json-pointer.js";
import { warn, type DocumentRule, type JsonObject } from "./rule.js";

const isObject = (value: unknown): value is JsonObject => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Zoom writes refs like `#/paths/<event>/post/...` in its `webhooks` downloads, where the events live under
 * `webhooks`: the refs only resolve in the docs-page form. Where `#/paths/...` does not resolve and the same place
 * under `#/webhooks/...` does, the ref is pointed there.
 */
export const refIntoPaths: DocumentRule = {
  name: "ref-into-paths",
  description: "A $ref into #/paths/<event>/... that only resolves under #/webhooks/<event>/... is pointed there.",
  apply(document, ctx) {
    const stack: [unknown, string][] = [[document, ""]];
    for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
      const [node, pointer] = top;
      if (Array.isArray(node)) {
        node.forEach((child, index) => stack.push([child, joinPointer(pointer, index)]));
        continue;
      }
      if (!isObject(node)) continue;
      const ref = node.$ref;
      if (typeof ref === "string" && ref.startsWith("#/paths/")) {
        let target: string;
        try {
          target = decodeURIComponent(ref.slice(1));
          parsePointer(target);
        } catch {
          target = "";
        }
        if (target !== "" && resolvePointer(document, target) === undefined) {
          const moved = "/webhooks/" + target.slice("/paths/".length);
          if (resolvePointer(document, moved) !== undefined) {
            node.$ref = "#" + moved;
            warn(ctx, this, joinPointer(pointer, "$ref"), `$ref ${JSON.stringify(ref)} points into #/paths, where this file has no events; read as #${moved}.`, "Point the $ref at #/webhooks/..., where the event is.");
          }
        }
      }
      for (const [key, child] of Object.entries(node)) stack.push([child, joinPointer(pointer, key)]);
    }
  },
};
