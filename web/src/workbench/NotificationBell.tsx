import { BellOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Empty, List, Popover } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../api.ts';
import { formatTime } from '../components/Deadlines.tsx';
import { type Label, useI18n } from '../i18n.tsx';

type Notice = {
  id: string;
  caseId: string | null;
  event: string;
  title: Label;
  body: Label;
  createdAt: string;
  readAt: string | null;
};

/**
 * The header's bell (#18): how many in-app notifications are unread, and the latest of them; a
 * click marks one read and opens its case. Asked again every minute and when the page regains focus.
 */
export function NotificationBell() {
  const { t, l } = useI18n();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const notices = useQuery({
    queryKey: ['notifications'],
    queryFn: () => api<{ unread: number; items: Notice[] }>('GET', '/notifications?limit=20'),
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
  });
  const read = useMutation({
    mutationFn: (n: Notice) =>
      n.readAt ? Promise.resolve(null) : api('POST', `/notifications/${encodeURIComponent(n.id)}/read`),
    onSettled: () => client.invalidateQueries({ queryKey: ['notifications'] }),
  });
  const unread = notices.data?.unread ?? 0;
  const openNotice = (n: Notice) => {
    read.mutate(n);
    setOpen(false);
    if (n.caseId) void navigate(`/staff/cases/${n.caseId}`);
  };
  const list =
    (notices.data?.items.length ?? 0) === 0 ? (
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notify.none')} />
    ) : (
      <List
        size="small"
        className="notice-list"
        dataSource={notices.data!.items}
        renderItem={(n) => (
          <List.Item
            key={n.id}
            className={n.readAt ? 'notice' : 'notice notice-unread'}
            data-testid="notice"
            onClick={() => openNotice(n)}
          >
            <button type="button" className="notice-button">
              <strong>{l(n.title)}</strong>
              <span className="muted">{formatTime(n.createdAt)}</span>
            </button>
          </List.Item>
        )}
      />
    );
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      title={t('notify.title')}
      content={<div className="notice-pop">{list}</div>}
    >
      <Badge count={unread} size="small" data-testid="bell-count">
        <Button
          size="small"
          type="text"
          icon={<BellOutlined />}
          aria-label={unread ? t('notify.unread', { n: unread }) : t('notify.title')}
          data-testid="bell"
        />
      </Badge>
    </Popover>
  );
}
