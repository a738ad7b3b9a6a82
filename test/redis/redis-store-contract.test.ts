import { afterAll, beforeAll } from "vitest";
import { redisStore } from "../../src/runtime/create-redis-store.js";
import { describeStoreContract } from "../support/store-contract.js";
import { startRedisServer, type RedisClient, type RedisServer } from "../support/redis-server.js";

/** The same contract suite memoryStore passes (test/runtime/create-memory-store.test.ts), against a real Redis. */
let server: RedisServer;
let client: RedisClient;
beforeAll(async () => {
  server = await startRedisServer();
  client = await server.client();
});
afterAll(async () => {
  await server?.close();
});

// Real TTLs: the suite's wait(ms) defaults to a real sleep; each case has its own key prefix.
describeStoreContract("redisStore", () => redisStore({ send: (args) => client.sendCommand(args) }));
