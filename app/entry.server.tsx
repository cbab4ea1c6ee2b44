import { PassThrough } from "node:stream";
import { renderToPipeableStream } from "react-dom/server";
import { RemixServer } from "@remix-run/react";
import { createReadableStreamFromReadable, type EntryContext } from "@remix-run/node";
import { isbot } from "isbot";
import { addDocumentResponseHeaders } from "./shopify.server";
import { errorKind, log } from "./log.server";

export { adoptSignalBuffer, backgroundRunsInThread, sharedSignalBuffer, startBackgroundWork, stopBackgroundWork } from "./background.server";
export { prepareApp } from "./startup.server";
export { answerHeaders as webhookAnswerHeaders, handleWebhookDelivery } from "./webhookRoute.server";

const STREAM_TIMEOUT_MS = 5000;
export const streamTimeout = STREAM_TIMEOUT_MS;

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  addDocumentResponseHeaders(request, responseHeaders);
  const userAgent = request.headers.get("user-agent");
  const readyEvent = userAgent && isbot(userAgent) ? "onAllReady" : "onShellReady";

  return new Promise<Response>((resolve, reject) => {
    const { pipe, abort } = renderToPipeableStream(<RemixServer context={remixContext} url={request.url} />, {
      [readyEvent]() {
        const body = new PassThrough();
        const stream = createReadableStreamFromReadable(body);
        responseHeaders.set("Content-Type", "text/html");
        resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
        pipe(body);
      },
      onShellError(error) {
        reject(error);
      },
      onError(error) {
        responseStatusCode = 500;
        log.error("render_failed", { kind: errorKind(error) });
      },
    });
    setTimeout(abort, STREAM_TIMEOUT_MS + 1000);
  });
}
