import http from "node:http";
import { createWebhookHandler } from "acme-billing-webhooks";

// The endpoint's signing secret, as the sender shows it: "whsec_" + base64.
const secret = process.env.ACME_WEBHOOK_SECRET;
if (!secret) throw new Error("ACME_WEBHOOK_SECRET is not set");

const handler = createWebhookHandler({
  secret,
  on: {
    // The event's name in the spec; its body says "type": "invoice.paid".
    invoicePaid: (event) => {
      console.log("paid", event.data.id, event.data.amount, event.data.currency);
    },
  },
});
http.createServer(handler.node).listen(3000, "127.0.0.1");
