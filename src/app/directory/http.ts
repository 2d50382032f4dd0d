import { DomainError } from '../../domain/errors.ts';
import { boundedFetch, RedirectRefused, type BoundedAnswer } from '../outgoing.ts';
import { msg } from '../../domain/messages.ts';

/**
 * Largest answer a directory may send: a 10,000-person user list is a few MB, so the cap is far
 * above the webhooks' 64 kB, and an answer over it is refused rather than cut.
 */
const MAX_BYTES = 32 * 1024 * 1024;

/** Outgoing calls to a directory (企业微信, 钉钉, 飞书): bounded (outgoing.ts) and JSON only. */
export async function fetchJson(
  url: string,
  init: { method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: unknown; timeoutMs?: number } = {},
): Promise<Record<string, unknown>> {
  let answer: BoundedAnswer;
  try {
    answer = await boundedFetch(
      url,
      {
        method: init.method ?? 'GET',
        timeoutMs: init.timeoutMs,
        headers: {
          accept: 'application/json',
          ...(init.body ? { 'content-type': 'application/json' } : {}),
          ...init.headers,
        },
        ...(init.body ? { body: JSON.stringify(init.body) } : {}),
      },
      MAX_BYTES,
    );
  } catch (e) {
    if (e instanceof RedirectRefused)
      throw new DomainError('UNAVAILABLE', msg('http.directory', { message: e.message }));
    throw e;
  }
  if (answer.cut) throw new DomainError('UNAVAILABLE', msg('http.directoryAnswerTooLarge'));
  try {
    return JSON.parse(answer.text) as Record<string, unknown>;
  } catch {
    throw new DomainError('UNAVAILABLE', msg('http.directoryAnswerNotJson', { status: answer.status }));
  }
}
