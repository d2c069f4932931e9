// Deliveries as an attacker (or a broken proxy) could send them to the App's webhook URL: the bytes
// and headers exactly as given, a signature made over other bytes or with another secret, left out
// or malformed, the header sent twice, a redelivery under an earlier id. WebhookSender sends what
// GitHub sends; this sends anything, to show the App refuses what GitHub would never send.
import { createHmac, randomUUID } from 'node:crypto';
import { request as httpRequest, type OutgoingHttpHeaders } from 'node:http';

export interface RawAnswer {
  status: number;
  body: string;
}

export interface RawDelivery {
  event: string;
  body: Buffer;
  /** Signs `body` with this secret (X-Hub-Signature-256), unless `signature` is given. */
  secret: string;
  /** Sent as it is (a list sends the header once per entry); null sends none. */
  signature?: string | string[] | null;
  deliveryId?: string;
  /** More headers. */
  headers?: OutgoingHttpHeaders;
}

/** GitHub's X-Hub-Signature-256 of `body` under `secret`. */
export function signatureOf(secret: string, body: Buffer | string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** POSTs one delivery to `url` with GitHub's headers and the given signature; resolves with the answer. */
export function postRawDelivery(url: string, delivery: RawDelivery): Promise<RawAnswer> {
  const signature =
    delivery.signature === undefined ? signatureOf(delivery.secret, delivery.body) : delivery.signature;
  const headers: OutgoingHttpHeaders = {
    'content-type': 'application/json',
    'user-agent': 'GitHub-Hookshot/044aadd',
    'x-github-event': delivery.event,
    'x-github-delivery': delivery.deliveryId ?? randomUUID(),
    'x-github-hook-installation-target-type': 'integration',
    ...(signature === null ? {} : { 'x-hub-signature-256': signature }),
    ...delivery.headers,
  };
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: 'POST', headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    request.on('error', reject);
    request.end(delivery.body);
  });
}
