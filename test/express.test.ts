import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createWebhookHandler, signWebhook } from "../generated/dist/index.js";
import { build } from "../generated/dist/fixtures.js";

/**
 * The generated receiver behind a real Express 5: the three fixes its body-parser explanation names work, and the
 * mistake they fix (express.json() before the route) is an opaque 500 explained once in the log.
 */
const secret = "express-secret";
const servers: Server[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function serve(mount: (app: express.Express, route: express.RequestHandler) => void): Promise<{ url: string; handled: string[] }> {
  const handled: string[] = [];
  const handler = createWebhookHandler({
    secret,
    on: { "cobrowse.session_started": (event) => void handled.push(event.payload.object.session_id) },
  });
  const app = express();
  mount(app, (req, res) => void handler.node(req, res));
  app.post("/other", (req, res) => void res.json({ parsed: req.body as unknown }));
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
  });
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, handled };
}

const event = build("cobrowse.session_started");
const body = JSON.stringify(event);
const send = (url: string) => fetch(`${url}/zoom`, { method: "POST", body, headers: { "content-type": "application/json", ...signWebhook({ body, secret }) } });

describe("Express 5", () => {
  it.each<[string, (app: express.Express, route: express.RequestHandler) => void]>([
    ["1. the webhook route mounted before express.json()", (app, route) => {
      app.post("/zoom", route);
      app.use(express.json());
    }],
    ['2. express.raw({ type: "application/json" }) on the webhook route', (app, route) => {
      app.use("/other", express.json());
      app.post("/zoom", express.raw({ type: "application/json" }), route);
    }],
    ["3. express.json({ verify }) keeping req.rawBody", (app, route) => {
      app.use(express.json({ verify: (req, _res, buf) => void Object.assign(req, { rawBody: buf }) }));
      app.post("/zoom", route);
    }],
  ])("%s: 200 and the handler runs, and the other routes still get parsed JSON", async (_, mount) => {
    const { url, handled } = await serve(mount);
    expect((await send(url)).status).toBe(200);
    expect(handled).toEqual([event.payload.object.session_id]);
    const other = await fetch(`${url}/other`, { method: "POST", body: '{"a":1}', headers: { "content-type": "application/json" } });
    expect(await other.json()).toEqual({ parsed: { a: 1 } });
  });

  it("express.json() before the route: an opaque 500 for every request, the three fixes printed once", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const { url, handled } = await serve((app, route) => {
        app.use(express.json());
        app.post("/zoom", route);
      });
      for (let i = 0; i < 3; i++) {
        const response = await send(url);
        expect(response.status).toBe(500);
        expect(await response.text()).toBe("Internal Server Error");
      }
      expect(handled).toEqual([]);
      expect(logged).toHaveBeenCalledTimes(1);
      const message = String(logged.mock.calls[0]?.[0]);
      for (const fix of ['app.post("/zoom", handler.node);', 'express.raw({ type: "application/json" })', "req.rawBody = buf"]) expect(message).toContain(fix);
    } finally {
      logged.mockRestore();
    }
  });
});
