import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { api } from '../api.ts';
import { ErrorBox } from '../components/ErrorBox.tsx';
import { useI18n } from '../i18n.tsx';
import type { CaseSummary, Me } from '../types.ts';

type Op = 'assign' | 'urge' | 'close-duplicate';
type Result = { id: string; ok: boolean; error?: { code: string; message: string } };

/**
 * #18: one step on the selected cases of the inbox — name a responsible person, urge (supervisors),
 * or close as duplicates of an earlier case. The server runs each case on its own; what failed is
 * listed by tracking number with the reason, the rest is done.
 */
export function BulkActions({ me, selected, onDone }: { me: Me; selected: CaseSummary[]; onDone(): void }) {
  const { t, lang } = useI18n();
  const client = useQueryClient();
  const [op, setOp] = useState<Op | null>(null);
  const [results, setResults] = useState<{ results: Result[]; cases: CaseSummary[] } | null>(null);
  const ids = selected.map((c) => c.id);
  const run = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      api<{ results: Result[] }>('POST', '/cases/bulk', { body: { op, caseIds: ids, ...body } }),
    onSuccess: async (data) => {
      setResults({ results: data.results, cases: selected });
      setOp(null);
      onDone();
      await client.invalidateQueries({ queryKey: ['cases'] });
    },
  });
  const noteLabel = t(op === 'urge' ? 'supervision.note' : 'bulk.reason');
  const failed = results?.results.filter((r) => !r.ok) ?? [];
  const trackingNo = (id: string) => results?.cases.find((c) => c.id === id)?.trackingNo ?? id;
  return (
    <>
      {selected.length > 0 && (
        <div className="filters bulk-bar" data-testid="bulk-bar" role="toolbar" aria-label={t('bulk.toolbar')}>
          <span>{t('bulk.selected', { n: selected.length })}</span>
          <Space wrap>
            <Button onClick={() => setOp('assign')}>{t('bulk.assign')}</Button>
            {me.canSupervise && <Button onClick={() => setOp('urge')}>{t('bulk.urge')}</Button>}
            <Button onClick={() => setOp('close-duplicate')}>{t('bulk.closeDuplicate')}</Button>
          </Space>
        </div>
      )}
      {results && (
        <Alert
          data-testid="bulk-results"
          style={{ marginBottom: 12 }}
          type={failed.length === 0 ? 'success' : 'warning'}
          closable
          onClose={() => setResults(null)}
          title={t('bulk.done', { ok: results.results.length - failed.length, failed: failed.length })}
          description={
            failed.length > 0 && (
              <ul>
                {failed.map((r) => (
                  <li key={r.id}>
                    {trackingNo(r.id)}：{r.error?.message.split(' / ')[lang === 'en' ? 1 : 0] ?? r.error?.code}
                  </li>
                ))}
              </ul>
            )
          }
        />
      )}
      <Modal
        open={op !== null}
        destroyOnHidden
        footer={null}
        onCancel={() => setOp(null)}
        title={op ? `${t(`bulk.${op === 'close-duplicate' ? 'closeDuplicate' : op}`)}（${selected.length}）` : ''}
      >
        <Form name="bulk" layout="vertical" onFinish={(v) => run.mutate(v)}>
          {op === 'assign' && <AssigneeField ids={ids} />}
          {op === 'close-duplicate' && (
            <Form.Item
              name="of"
              label={t('bulk.of')}
              extra={t('bulk.ofHelp')}
              rules={[{ required: true, whitespace: true, message: t('form.required', { label: t('bulk.of') }) }]}
            >
              <Input maxLength={40} />
            </Form.Item>
          )}
          {(op === 'urge' || op === 'close-duplicate') && (
            <Form.Item
              name="note"
              label={noteLabel}
              rules={[
                { required: true, whitespace: true, min: 2, message: t('form.minLength', { label: noteLabel, n: 2 }) },
              ]}
            >
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          )}
          <ErrorBox error={run.error} />
          <Button type="primary" htmlType="submit" loading={run.isPending}>
            {t('bulk.run', { n: selected.length })}
          </Button>
        </Form>
      </Modal>
    </>
  );
}

/** Who may be responsible for every selected case (the server intersects the eligible users). */
function AssigneeField({ ids }: { ids: string[] }) {
  const { t } = useI18n();
  const users = useQuery({
    queryKey: ['bulk-assignees', ids.join(',')],
    queryFn: () =>
      api<{ users: { id: string; username: string; displayName: string; unitName: string | null }[] }>(
        'GET',
        `/cases/bulk/assignees?ids=${ids.join(',')}`,
      ),
  });
  return (
    <Form.Item
      name="assignee"
      label={t('case.assignee')}
      rules={[{ required: true, message: t('form.required', { label: t('case.assignee') }) }]}
    >
      <Select
        showSearch
        optionFilterProp="label"
        loading={users.isLoading}
        placeholder={t('form.pickUser')}
        notFoundContent={users.isLoading ? undefined : t('form.noEligibleUser')}
        options={(users.data?.users ?? []).map((u) => ({
          value: u.id,
          label: `${u.displayName}（${u.username}${u.unitName ? ` · ${u.unitName}` : ''}）`,
        }))}
      />
    </Form.Item>
  );
}
