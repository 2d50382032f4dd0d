import { DomainError } from '../../domain/errors.ts';
import { msg } from '../../domain/messages.ts';

export type Sleep = (ms: number) => Promise<void>;

const RETRIES = 5;

/** A platform's answer with an error code we do not retry; `platformCode` is that code. */
export class PlatformError extends DomainError {
  constructor(
    platform: string,
    what: string,
    readonly platformCode: number,
    message: unknown,
  ) {
    super(
      'UNAVAILABLE',
      msg('platform.callFailed', { platform, what, code: platformCode, message: String(message ?? '') }),
    );
  }
}

/**
 * The access-token discipline 钉钉 and 飞书 share with 企业微信: an app token fetched once and reused; a call that
 * says the token expired or is invalid fetches a new one and is retried once; a call that says "too many requests"
 * or "busy" waits 1 s, 2 s, 4 s … and is retried up to five times; any other error code is an error.
 */
export class TokenedApi {
  private token: string | undefined;
  private readonly sleep: Sleep;
  constructor(
    private readonly opts: {
      platform: string;
      fetchToken: () => Promise<string>;
      tokenErrors: ReadonlySet<number>;
      busyErrors: ReadonlySet<number>;
      sleep?: Sleep;
    },
  ) {
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  /** `send` makes one request with the token and returns the platform's code (0 = ok) and the body. */
  async call<T>(
    what: string,
    send: (token: string) => Promise<{ code: number; message: unknown; body: T }>,
  ): Promise<T> {
    let refreshed = false;
    for (let attempt = 0; ; attempt++) {
      this.token ??= await this.opts.fetchToken();
      const { code, message, body } = await send(this.token);
      if (code === 0) return body;
      if (this.opts.tokenErrors.has(code) && !refreshed) {
        this.token = undefined;
        refreshed = true;
        continue;
      }
      if (this.opts.busyErrors.has(code) && attempt < RETRIES) {
        await this.sleep(1000 * 2 ** attempt);
        continue;
      }
      throw new PlatformError(this.opts.platform, what, code, message);
    }
  }
}
