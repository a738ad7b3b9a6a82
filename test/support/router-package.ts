/** The shape of a generated router package's receiver module, for tests that import one from a temporary folder. */
export interface RouterOutcome {
  readonly status: string;
  readonly event?: string;
}
export declare function createWebhookRouter(options: {
  on?: Record<string, (event: never) => unknown>;
  onUnknownEvent?: (value: unknown) => unknown;
  onError?: (error: unknown, context: unknown) => void;
  unknownProperties?: "allow" | "reject";
}): {
  route(value: unknown): Promise<RouterOutcome>;
  routeBody(body: string | Uint8Array): Promise<RouterOutcome>;
};
