import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Input, Modal, Row, Skeleton, Space, Spin, Table, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { api, ApiError } from '../api.ts';
import { ErrorBox } from '../components/ErrorBox.tsx';
import { pickMessage, useI18n, type Label } from '../i18n.tsx';

export type ProcedureVersions = {
  id: string;
  name: Label;
  latestVersion: number;
  public: boolean;
  categories: { id: string; label: Label }[];
  versions: { version: number; loadedAt: string; latest: boolean }[];
};
type Definition = { id: string; version: number; loadedAt: string; latest: boolean; yaml: string };
type Issue = { path: string; line: number | null; message: string };

export function useProcedureVersions() {
  return useQuery({
    queryKey: ['admin-procedures'],
    queryFn: () => api<{ items: ProcedureVersions[] }>('GET', '/admin/procedures').then((r) => r.items),
  });
}

/** Procedures: every version recorded, a version's definition, and uploading the next one. */
export function ProceduresAdmin() {
  const { t, l } = useI18n();
  const list = useProcedureVersions();
  const [yaml, setYaml] = useState('');
  const [viewing, setViewing] = useState<{ id: string; version: number } | null>(null);
  return (
    <>
      <ErrorBox error={list.error} />
      <Table<ProcedureVersions>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        pagination={false}
        scroll={{ x: true }}
        data-testid="procedure-list"
        columns={[
          {
            title: t('admin.procedure'),
            render: (_, p) => (
              <>
                <div>{l(p.name, p.id)}</div>
                <code className="muted">{p.id}</code>
              </>
            ),
          },
          {
            title: t('admin.latestVersion'),
            render: (_, p) => (
              <Tag color="blue" data-testid={`latest-${p.id}`}>
                v{p.latestVersion}
              </Tag>
            ),
          },
          {
            title: t('admin.versions'),
            render: (_, p) => (
              <Space wrap size={4}>
                {p.versions.map((v) => (
                  <Button
                    key={v.version}
                    size="small"
                    onClick={() => setViewing({ id: p.id, version: v.version })}
                    title={`${t('admin.loadedAt')} ${v.loadedAt.slice(0, 16).replace('T', ' ')}`}
                  >
                    v{v.version}
                  </Button>
                ))}
              </Space>
            ),
          },
        ]}
      />
      {viewing && (
        <DefinitionModal
          which={viewing}
          onClose={() => setViewing(null)}
          onUseAsBase={(text) => {
            setYaml(text);
            setViewing(null);
          }}
        />
      )}
      <UploadForm yaml={yaml} setYaml={setYaml} />
    </>
  );
}

function DefinitionModal({
  which,
  onClose,
  onUseAsBase,
}: {
  which: { id: string; version: number };
  onClose(): void;
  onUseAsBase(text: string): void;
}) {
  const { t } = useI18n();
  const def = useQuery({
    queryKey: ['admin-procedure', which.id, which.version],
    queryFn: () => api<Definition>('GET', `/admin/procedures/${which.id}/versions/${which.version}`),
  });
  return (
    <Modal
      open
      title={`${which.id} v${which.version}`}
      onCancel={onClose}
      width={900}
      footer={[
        <Button
          key="base"
          disabled={!def.data}
          onClick={() =>
            def.data && onUseAsBase(def.data.yaml.replace(/^version: \d+$/m, `version: ${which.version + 1}`))
          }
        >
          {t('admin.useAsBase')}
        </Button>,
        <Button key="close" type="primary" onClick={onClose}>
          {t('admin.close')}
        </Button>,
      ]}
    >
      <ErrorBox error={def.error} />
      {def.isLoading ? (
        <Skeleton active />
      ) : (
        def.data && (
          <pre className="yaml-view" data-testid="definition">
            {def.data.yaml}
          </pre>
        )
      )}
    </Modal>
  );
}

function issuesOf(error: unknown): Issue[] {
  if (!(error instanceof ApiError) || !Array.isArray(error.details?.issues)) return [];
  return (error.details.issues as unknown as Issue[]).map((i) => ({
    path: String(i.path ?? ''),
    line: typeof i.line === 'number' ? i.line : null,
    message: i.message,
  }));
}

/** Paste or load YAML; problems are listed beside the text as line:path:message, and choosing one marks its line. */
function UploadForm({ yaml, setYaml }: { yaml: string; setYaml(v: string): void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const area = useRef<HTMLTextAreaElement | null>(null);
  const file = useRef<HTMLInputElement | null>(null);
  const [checked, setChecked] = useState<{ id: string; version: number } | null>(null);
  const send = useMutation({
    mutationFn: (dryRun: boolean) =>
      api<{ id: string; version: number; stored: boolean }>('POST', '/admin/procedures', { body: { yaml, dryRun } }),
    onSuccess: async (r) => {
      if (r.stored) {
        setChecked(null);
        void message.success(t('admin.uploaded', { id: r.id, version: r.version }));
        await client.invalidateQueries({ queryKey: ['admin-procedures'] });
        await client.invalidateQueries({ queryKey: ['procedures'] });
      } else setChecked(r);
    },
    onMutate: () => setChecked(null),
  });
  const issues = issuesOf(send.error);
  const lines = yaml.split('\n');
  const errorLines = new Set(issues.map((i) => i.line).filter((n): n is number => n !== null));
  const mark = (line: number) => {
    const el = area.current;
    if (!el) return;
    const start = lines.slice(0, line - 1).reduce((n, s) => n + s.length + 1, 0);
    el.focus();
    el.setSelectionRange(start, start + (lines[line - 1]?.length ?? 0));
    // The editor box scrolls (the text area grows to its text): bring the marked line into view.
    const box = el.closest('.yaml-editor');
    if (box) box.scrollTop = Math.max(0, (line - 3) * parseFloat(getComputedStyle(el).lineHeight || '20'));
  };
  const loadFile = async (file: File | undefined) => {
    if (file) setYaml(await file.text());
  };
  return (
    <Card title={t('admin.uploadVersion')} size="small" style={{ marginTop: 16 }}>
      <Typography.Paragraph className="muted">{t('admin.uploadHelp')}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <label htmlFor="procedure-yaml" className="field-label">
            {t('admin.definitionYaml')}
          </label>
          <div className="yaml-editor">
            <div className="yaml-gutter" aria-hidden="true">
              {lines.map((_, n) => (
                <div key={n} className={errorLines.has(n + 1) ? 'yaml-gutter-error' : undefined}>
                  {n + 1}
                </div>
              ))}
            </div>
            <Input.TextArea
              id="procedure-yaml"
              ref={(r) => {
                area.current = r?.resizableTextArea?.textArea ?? null;
              }}
              value={yaml}
              onChange={(e) => setYaml(e.target.value)}
              autoSize={{ minRows: 14 }}
              spellCheck={false}
              wrap="off"
              className="yaml-input"
              aria-invalid={issues.length > 0}
              aria-describedby="procedure-issues"
            />
          </div>
          <Space wrap style={{ marginTop: 8 }}>
            {/* The browser's own file button speaks the browser's language: a hidden input behind our button. */}
            <input
              ref={file}
              type="file"
              accept=".yaml,.yml,text/yaml"
              hidden
              onChange={(e) => {
                void loadFile(e.target.files?.[0]);
                e.target.value = '';
              }}
            />
            <Button onClick={() => file.current?.click()}>{t('admin.loadFile')}</Button>
            {/* A spinner beside the buttons, not inside: antd's in-button loading icon lingered after a fast answer. */}
            <Button onClick={() => send.mutate(true)} disabled={!yaml.trim() || send.isPending}>
              {t('admin.validate')}
            </Button>
            <Button type="primary" onClick={() => send.mutate(false)} disabled={!yaml.trim() || send.isPending}>
              {t('admin.upload')}
            </Button>
            {send.isPending && <Spin size="small" />}
          </Space>
        </Col>
        <Col xs={24} lg={10}>
          <div id="procedure-issues" aria-live="polite">
            {checked && (
              <Alert
                type="success"
                showIcon
                message={t('admin.valid', { id: checked.id, version: checked.version })}
                data-testid="upload-valid"
              />
            )}
            {send.error !== null && issues.length === 0 && <ErrorBox error={send.error} />}
            {issues.length > 0 && (
              <Alert
                type="error"
                showIcon
                role="alert"
                data-testid="upload-issues"
                message={send.error instanceof ApiError ? pickMessage(send.error.message, lang) : ''}
                description={
                  <ol className="issues yaml-issues">
                    {issues.map((i, n) => (
                      <li key={n} data-testid="upload-issue">
                        {i.line !== null ? (
                          <Button type="link" size="small" className="issue-line" onClick={() => mark(i.line!)}>
                            {t('admin.line', { n: i.line })}
                          </Button>
                        ) : null}
                        <code>{i.path || t('admin.root')}</code>: {pickMessage(i.message, lang)}
                        {i.line !== null && lines[i.line - 1] !== undefined && (
                          <pre className="issue-source">{lines[i.line - 1]}</pre>
                        )}
                      </li>
                    ))}
                  </ol>
                }
              />
            )}
          </div>
        </Col>
      </Row>
    </Card>
  );
}
