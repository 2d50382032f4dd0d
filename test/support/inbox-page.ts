import type { z } from 'zod';
import { ZCasePage } from '../../src/http/case.views.ts';

const label = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/**
 * A page of the inbox (listCases) as a handler sees it: customer and property complaints with
 * Chinese subjects, labels in two languages, a running deadline on most. For the serialiser's test
 * and bench/serialise.ts; parsed by the page's schema, so it is a body the server may send.
 */
export function inboxPage(n: number): z.infer<typeof ZCasePage> {
  const items = Array.from({ length: n }, (_, i) => {
    const t = new Date(Date.UTC(2026, 10, 30, 2, 0, 0) - i * 3_600_000).toISOString();
    const open = i % 4 !== 3;
    return {
      id: `01KB${String(i).padStart(22, '0')}`,
      trackingNo: `TS-20261130-${String(100000 + i * 7919).slice(-6)}`,
      procedure: {
        id: i % 2 ? 'customer-complaint' : 'property-complaint',
        version: 1,
        name: i % 2 ? label('客户投诉', 'Customer complaint') : label('物业投诉', 'Property complaint'),
      },
      kind: 'complaint',
      status: open ? 'investigating' : 'closed',
      statusLabel: open ? label('调查中', 'Investigating') : label('已办结', 'Closed'),
      version: 3 + (i % 5),
      category: i % 3 ? 'product-quality' : null,
      severity: i % 5 ? 'normal' : 'urgent',
      severityLabel: i % 5 ? label('一般', 'Normal') : label('紧急', 'Urgent'),
      categoryLabel: i % 3 ? label('产品质量', 'Product quality') : null,
      outcome: open ? null : 'upheld',
      assigneeId: i % 2 ? `01KBUSER${String(i % 7).padStart(18, '0')}` : null,
      channel: i % 3 ? 'web' : 'phone',
      subject: `新买的冰箱不制冷，多次联系“客服”无人处理 #${i}`,
      anonymous: i % 6 === 0,
      receivedAt: t,
      createdAt: t,
      updatedAt: t,
      closedAt: open ? null : t,
      orgUnitId: '01KBUNIT000000000000000001',
      assigneeName: i % 2 ? '王小明' : null,
      orgUnitName: '客服部',
      nextDue: open
        ? {
            clock: 'resolution',
            label: label('办结时限', 'Resolution deadline'),
            dueAt: t,
            status: i % 9 ? ('running' as const) : ('overdue' as const),
            provisional: false,
          }
        : null,
      unread: i % 4 === 0,
    };
  });
  return ZCasePage.parse({ items, nextCursor: 'MjAyNi0xMS0zMFQwMjowMDowMC4wMDBafDAxS0I' });
}
