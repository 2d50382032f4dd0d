/**
 * Outgoing HTTP calls to services the operator configured (webhooks, group robots, directories),
 * bounded whatever the other side does (issue 28): a redirect is never followed — a signed POST
 * must not be re-sent to wherever a 307 points — there is a time limit, and at most `maxBytes`
 * of the answer (after decompression, as fetch decodes gzip itself) is ever held in memory.
 */
export type BoundedAnswer = {
  status: number;
  ok: boolean;
  /** The answer's first `maxBytes` bytes as UTF-8. */
  text: string;
  /** The answer was longer than `maxBytes`; the rest was not read. */
  cut: boolean;
};

export class RedirectRefused extends Error {}

export async function boundedFetch(
  url: string,
  init: { method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string; timeoutMs?: number },
  maxBytes: number,
): Promise<BoundedAnswer> {
  const res = await fetch(url, {
    method: init.method ?? 'GET',
    headers: init.headers,
    body: init.body,
    redirect: 'manual',
    signal: AbortSignal.timeout(init.timeoutMs ?? 15_000),
  });
  if (res.status >= 300 && res.status < 400) {
    await res.body?.cancel();
    throw new RedirectRefused(`重定向未跟随 / redirect not followed (HTTP ${res.status})`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  let cut = false;
  const reader = res.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    const room = maxBytes - size;
    if (value.byteLength > room) {
      chunks.push(value.subarray(0, room));
      size = maxBytes;
      cut = true;
      // Stop reading: the connection is closed and the rest never arrives here.
      await reader.cancel();
      break;
    }
    chunks.push(value);
    size += value.byteLength;
  }
  return { status: res.status, ok: res.ok, text: Buffer.concat(chunks).toString('utf8'), cut };
}
