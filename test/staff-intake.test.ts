import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, TestClock } from './support/backends.ts';
import { complaint, startHarness, type Harness } from './support/harness.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/** Issue 7 item 4 — letter, box and third-party intake by staff (INT-1, INT-3, REG-1). */
describe.each(BACKENDS)('staff intake of paper channels on $name', (backend) => {
  let h: Harness;
  let clerk: { id: string; token: string };
  const clock = new TestClock('2026-11-30T02:00:00.000Z');

  beforeAll(async () => {
    h = await startHarness(backend, clock);
    clerk = await h.staff('clerk', ['customer-service']);
  });
  afterAll(async () => h?.close());

  it('records who received a letter when someone else enters it, its real received time, and its scan', async () => {
    const res = await h.call('POST', '/api/v1/cases', {
      token: clerk.token,
      body: complaint({ channel: 'letter', receivedAt: '2026-11-27T10:00:00+08:00', receivingPerson: '前台 刘敏' }),
    });
    expect(res.statusCode, res.body).toBe(201);
    const { id, trackingNo } = res.json() as { id: string; trackingNo: string };
    // Issue 17: the tracking number carries the day it was received (27th), not the day it was entered (30th).
    expect(trackingNo).toMatch(/^[A-Z]+-20261127-/);
    const boundary = '----scan';
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="来信扫描件.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      PDF,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const scan = await h.http.inject({
      method: 'POST',
      url: `/api/v1/cases/${id}/attachments`,
      payload,
      headers: { authorization: `Bearer ${clerk.token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(scan.statusCode, scan.body).toBe(201);
    const detail = (await h.call('GET', `/api/v1/cases/${id}`, { token: clerk.token })).json();
    expect(detail).toMatchObject({
      channel: 'letter',
      receivedAt: '2026-11-27T02:00:00.000Z',
      receivedBy: clerk.id,
      data: { receivingPerson: '前台 刘敏' },
    });
    expect(detail.timeline[0].input).toMatchObject({ channel: 'letter', receivingPerson: '前台 刘敏' });
    const after = (await h.call('GET', `/api/v1/cases/${id}`, { token: clerk.token })).json();
    expect(after.attachments.map((f: { name: string }) => f.name)).toEqual(['来信扫描件.pdf']);
  });

  it('refuses an empty receiving person with a 400 in the error shape', async () => {
    const res = await h.call('POST', '/api/v1/cases', {
      token: clerk.token,
      body: complaint({ channel: 'box', receivingPerson: '  ' }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
  });
});
