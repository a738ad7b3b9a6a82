import http from "node:http";
import { createWebhookHandler } from "cobrowse-sdk-webhooks";

const handler = createWebhookHandler({
  secret: process.env.ZOOM_WEBHOOK_SECRET_TOKEN!, // or ["old", "new"] while rotating, or (headers) => secret by clientid
  on: {
    "cobrowse.session_started": (event) => console.log("started", event.payload.object.session_id), // event: CobrowseSessionStartedEvent
    "cobrowse.session_ended": async (event) => console.log("ended", event.payload.object.session_id, event.payload.object.end_time),
  },
  onError: (error, { stage, issues }) => console.warn(stage, error, issues ?? ""),
});

// Express: app.post("/zoom", handler.node), mounted before express.json() (see below)
http.createServer(handler.node).listen(Number(process.env.PORT ?? 8080));
