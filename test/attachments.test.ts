import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, TestClock } from './support/backends.ts';
import { complaint, startHarness, type Harness } from './support/harness.ts';

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('fake image body'),
]);

function multipart(file: { name: string; bytes: Buffer; type?: string }, fields: Record<string, string> = {}) {
  const boundary = '----plaint-test-boundary';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
    ),
  );
  parts.push(file.bytes, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Evidence files (INT-5) from the submitter with the receipt (INT-2) and from staff, checked by content. */
describe.each(BACKENDS)('attachments on $name', (backend) => {
  let h: Harness;
  const clock = new TestClock();
  let staff: { token: string };
  let trackingNo = '';
  let receipt = '';
  let caseId = '';

  beforeAll(async () => {
    h = await startHarness(backend, clock);
    staff = await h.staff('files-cs', ['customer-service']);
    ({ trackingNo, receipt } = (
      await h.call('POST', '/api/v1/public/cases', { body: complaint({ anonymous: true, submitter: undefined }) })
    ).json());
    caseId = (await h.call('GET', `/api/v1/cases?q=${trackingNo}`, { token: staff.token })).json().items[0].id;
  });
  afterAll(async () => h?.close());

  const upload = (
    url: string,
    file: { name: string; bytes: Buffer; type?: string },
    headers: Record<string, string>,
    fields: Record<string, string> = {},
  ) => {
    clock.advance(1000); // ids order by time: one upload a second
    const body = multipart(file, fields);
    return h.http.inject({ method: 'POST', url, payload: body.payload, headers: { ...body.headers, ...headers } });
  };

  it('takes a photo from the submitter, shows it on the tracking page and to staff', async () => {
    const res = await upload(
      `/api/v1/public/cases/${trackingNo}/attachments`,
      { name: '../../冰箱照片.png', bytes: PNG, type: 'text/html' },
      { 'x-receipt': receipt },
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      name: '冰箱照片.png',
      mediaType: 'image/png',
      visibility: 'public',
      size: PNG.length,
    });
    const view = (
      await h.call('GET', `/api/v1/public/cases/${trackingNo}`, { headers: { 'x-receipt': receipt } })
    ).json();
    expect(view.attachments).toHaveLength(1);
    const download = await h.call('GET', `/api/v1/public/cases/${trackingNo}/attachments/${view.attachments[0].id}`, {
      headers: { 'x-receipt': receipt },
    });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.from(download.rawPayload).equals(PNG)).toBe(true);
    const staffView = (await h.call('GET', `/api/v1/cases/${caseId}`, { token: staff.token })).json();
    expect(staffView.attachments[0]).toMatchObject({ name: '冰箱照片.png', addedBy: 'submitter' });
    expect(staffView.timeline.at(-1)).toMatchObject({ action: 'attachment-added', actor: { kind: 'submitter' } });
  });

  it('keeps a staff file internal unless marked public, and stores the same content once', async () => {
    const res = await upload(
      `/api/v1/cases/${caseId}/attachments`,
      { name: '检测报告.txt', bytes: Buffer.from('压缩机不启动，出厂缺陷。') },
      { authorization: `Bearer ${staff.token}` },
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ mediaType: 'text/plain', visibility: 'internal' });
    const again = await upload(
      `/api/v1/cases/${caseId}/attachments`,
      { name: '同一照片.png', bytes: PNG },
      { authorization: `Bearer ${staff.token}` },
      { visibility: 'public' },
    );
    expect(again.statusCode).toBe(201);
    const view = (
      await h.call('GET', `/api/v1/public/cases/${trackingNo}`, { headers: { 'x-receipt': receipt } })
    ).json();
    expect(view.attachments.map((a: { name: string }) => a.name)).toEqual(['冰箱照片.png', '同一照片.png']);
    const internal = res.json().id;
    expect(
      (
        await h.call('GET', `/api/v1/public/cases/${trackingNo}/attachments/${internal}`, {
          headers: { 'x-receipt': receipt },
        })
      ).statusCode,
    ).toBe(404);
    const stored = await h.ctx.store.db.selectFrom('attachments').select('sha256').execute();
    expect(stored).toHaveLength(2);
  });

  it('refuses executables and unknown binaries (415), empty files (400), oversize files (413), and strangers (401/404)', async () => {
    const exe = await upload(
      `/api/v1/public/cases/${trackingNo}/attachments`,
      { name: 'invoice.pdf', bytes: Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00]) },
      { 'x-receipt': receipt },
    );
    expect(exe.statusCode).toBe(415);
    const empty = await upload(
      `/api/v1/public/cases/${trackingNo}/attachments`,
      { name: 'a.txt', bytes: Buffer.alloc(0) },
      { 'x-receipt': receipt },
    );
    expect(empty.statusCode).toBe(400);
    const big = await upload(
      `/api/v1/public/cases/${trackingNo}/attachments`,
      { name: 'big.txt', bytes: Buffer.alloc(10 * 1024 * 1024 + 1, 0x61) },
      { 'x-receipt': receipt },
    );
    expect(big.statusCode).toBe(413);
    expect(
      (
        await upload(
          `/api/v1/public/cases/${trackingNo}/attachments`,
          { name: 'a.png', bytes: PNG },
          { 'x-receipt': 'AAAA-AAAA-AAAA-AAAA-AAAA' },
        )
      ).statusCode,
    ).toBe(404);
    expect((await upload(`/api/v1/cases/${caseId}/attachments`, { name: 'a.png', bytes: PNG }, {})).statusCode).toBe(
      401,
    );
    const notMultipart = await h.call('POST', `/api/v1/public/cases/${trackingNo}/attachments`, {
      headers: { 'x-receipt': receipt },
      body: { file: 'x' },
    });
    expect(notMultipart.statusCode).toBe(415);
    const files = await h.ctx.store.db
      .selectFrom('case_attachments')
      .select('id')
      .where('case_id', '=', caseId)
      .execute();
    expect(files).toHaveLength(3);
  });
});
