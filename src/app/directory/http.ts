import { DomainError } from '../../domain/errors.ts';

/** Largest answer a directory may send (a 10,000-person user list is a few MB). */
const MAX_BYTES = 32 * 1024 * 1024;

/**
 * Outgoing calls to a directory (企业微信, 钉钉, 飞书): bounded — no redirects followed, a time limit,
 * and a cap on the answer's size — and JSON only.
 */
export async function fetchJson(
  url: string,
  init: { method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: unknown; timeoutMs?: number } = {},
): Promise<Record<string, unknown>> {
  const res = await fetch(url, {
    method: init.method ?? 'GET',
    redirect: 'manual',
    signal: AbortSignal.timeout(init.timeoutMs ?? 15_000),
    headers: {
      accept: 'application/json',
      ...(init.body ? { 'content-type': 'application/json' } : {}),
      ...init.headers,
    },
    ...(init.body ? { body: JSON.stringify(init.body) } : {}),
  });
  if (res.status >= 300 && res.status < 400)
    throw new DomainError('UNAVAILABLE', `目录服务返回重定向，未跟随 / directory answered a redirect (${res.status})`);
  const reader = res.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_BYTES) {
        await reader.cancel();
        throw new DomainError('UNAVAILABLE', '目录服务的应答过大 / directory answer too large');
      }
      chunks.push(value);
    }
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new DomainError('UNAVAILABLE', `目录服务的应答不是 JSON / directory answer is not JSON (HTTP ${res.status})`);
  }
}
