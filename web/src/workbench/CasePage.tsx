import { useMutation, useMutationState, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Collapse,
  Descriptions,
  Form,
  Input,
  Modal,
  Row,
  Skeleton,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { api } from '../api.ts';
import { ActionForm } from '../components/ActionForm.tsx';
import { CannedReplyPicker } from '../components/CannedReplyPicker.tsx';
import { DeadlineList, formatTime } from '../components/Deadlines.tsx';
import { ErrorBox } from '../components/ErrorBox.tsx';
import { eventLabel, fieldLabel, fieldValue } from '../components/eventLabel.ts';
import { type Label, useI18n } from '../i18n.tsx';
import { useProcedures } from '../portal/PortalHome.tsx';
import type { StaffCase, StaffEntry } from '../types.ts';
import { CaseFollowUp } from './CaseFollowUp.tsx';
import { inboxUrl } from './InboxPage.tsx';
import { SimilarCases } from './SimilarCases.tsx';

/** The case page: facts, parties (masked), clocks, timeline, notes vs messages, allowed actions. */
export function CasePage() {
  const { id } = useParams();
  const [params] = useSearchParams();
  const { t, l } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const navigate = useNavigate();
  const view = useQuery({ queryKey: ['case', id], queryFn: () => api<StaffCase>('GET', `/cases/${id}`) });
  const procedures = useProcedures();
  const refresh = async () => {
    await client.invalidateQueries({ queryKey: ['case', id] });
    await client.invalidateQueries({ queryKey: ['cases'] });
  };
  // #18: opening the case clears the inbox's "new from the submitter" marker for me.
  const seenVersion = view.data?.version;
  useEffect(() => {
    if (!id || !seenVersion) return;
    void api('POST', `/cases/${id}/seen`, { body: { version: seenVersion } })
      .then(() => client.invalidateQueries({ queryKey: ['cases'] }))
      .catch(() => undefined); // a marker, not the page's work: never an error on the page
  }, [id, seenVersion, client]);
  if (view.isLoading) return <Skeleton active />;
  if (view.error)
    return (
      <>
        <ErrorBox error={view.error} />
        <Link to={inboxUrl()}>{t('case.back')}</Link>
      </>
    );
  const c = view.data!;
  const procedure = procedures.data?.find((p) => p.id === c.procedure.id);
  const note = c.allowedActions.find((a) => a.id === 'add-note');
  const actions = c.allowedActions.filter((a) => a.id !== 'add-note');
  // #18: the step the procedure expects (or the one a shortcut asked for, ?do=assign) is the
  // primary form; the others are grouped under 其他操作.
  const wanted = actions.find((a) => a.id === params.get('do')) ?? actions.find((a) => a.id === c.nextAction);
  const others = actions.filter((a) => a !== wanted);
  const act = (action: string) => async (input: Record<string, unknown>) => {
    await api('POST', `/cases/${c.id}/actions/${action}`, { body: { input, expectedVersion: c.version } });
    void message.success(t('action.done'));
    await refresh();
    // #18: a case that has just ended has nothing more to do here: back to the queue, as it was —
    // unless a follow-up is open to this handler (DIS-1: propose publishing the consented case).
    const after = client.getQueryData<StaffCase>(['case', id]);
    if (after?.closedAt && !after.mayProposeDisclosure) void navigate(inboxUrl());
  };
  return (
    <>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        <span className="user-text" data-testid="case-subject">
          {c.subject}
        </span>{' '}
        <Tag color="blue" data-testid="status">
          {l(c.statusLabel, c.status)}
        </Tag>
      </Typography.Title>
      <Space wrap size={[16, 4]} className="case-heads" data-testid="case-heads">
        <span>
          <span className="muted">{t('case.assignee')}：</span>
          <strong data-testid="case-assignee">{c.assigneeName ?? t('case.unassigned')}</strong>
        </span>
        <span>
          <span className="muted">{t('case.unit')}：</span>
          <strong data-testid="case-unit">{c.orgUnitName ?? '—'}</strong>
        </span>
        {c.severity && (
          <span>
            <span className="muted">{t('case.severity')}：</span>
            <strong>{l(c.severityLabel, t('value.unknown'))}</strong>
          </span>
        )}
      </Space>
      {c.warnings.map((w) => (
        <Alert
          key={`${w.rule}-${w.field}`}
          type="warning"
          showIcon
          data-testid="case-warning"
          style={{ marginBottom: 12 }}
          title={`${l(w.label, w.rule)}（${w.rule}：${w.value}）`}
        />
      ))}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title={t('case.facts')} size="small" style={{ marginBottom: 16 }}>
            <Descriptions column={{ xs: 1, sm: 2 }} size="small">
              <Descriptions.Item label={t('case.trackingNo')}>{c.trackingNo}</Descriptions.Item>
              <Descriptions.Item label={t('case.procedure')}>
                {l(c.procedure.name, c.procedure.id)} v{c.procedure.version}
              </Descriptions.Item>
              <Descriptions.Item label={t('intake.kind')}>{t(`kind.${c.kind}`)}</Descriptions.Item>
              <Descriptions.Item label={t('intake.channel')}>{t(`channel.${c.channel}`)}</Descriptions.Item>
              <Descriptions.Item label={t('case.receivedAt')}>{formatTime(c.receivedAt)}</Descriptions.Item>
              <Descriptions.Item label={t('intake.category')}>
                {l(procedure?.categories.find((x) => x.id === c.category)?.label, c.category ?? '—')}
              </Descriptions.Item>
            </Descriptions>
            <Statement c={c} />
            {Object.keys(c.data).length > 0 && (
              <Descriptions column={1} size="small" bordered data-testid="case-data">
                {caseDataEntries(c.data).map(([k, v]) => (
                  <Descriptions.Item key={k} label={fieldLabel(k.replace(/^fields\./, ''), c.dataLabels[k], t, l)}>
                    <span className="user-text">{fieldValue(k, v, c.dataValueLabels[k], t, l)}</span>
                  </Descriptions.Item>
                ))}
              </Descriptions>
            )}
          </Card>
          <Card title={t('case.timeline')} size="small" style={{ marginBottom: 16 }}>
            <Timeline
              items={c.timeline.map((e) => ({
                key: e.seq,
                color: e.visibility === 'public' ? 'blue' : 'gray',
                children: <Entry e={e} />,
              }))}
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('case.deadlines')} size="small" style={{ marginBottom: 16 }}>
            <DeadlineList deadlines={c.deadlines} />
          </Card>
          <Parties c={c} />
          {!c.closedAt && <SimilarCases caseId={c.id} onMerged={refresh} />}
          {wanted && (
            <Card
              key={wanted.id}
              title={t('case.nextStep', { action: l(wanted.label, wanted.id) })}
              size="small"
              style={{ marginBottom: 16 }}
              className="next-step"
              data-testid="next-step"
            >
              <ActionForm
                action={wanted}
                caseId={c.id}
                primary
                current={c}
                onSubmit={act(wanted.id)}
                categories={procedure?.categories}
                severities={procedure?.severities}
              />
            </Card>
          )}
          <Card title={wanted ? t('case.otherActions') : t('case.actions')} size="small" style={{ marginBottom: 16 }}>
            {others.length === 0 ? (
              <p className="muted">{t('case.noActions')}</p>
            ) : (
              <Collapse
                accordion
                items={others.map((a) => ({
                  key: a.id,
                  label: l(a.label, a.id),
                  children: (
                    <ActionForm
                      action={a}
                      caseId={c.id}
                      current={c}
                      onSubmit={act(a.id)}
                      categories={procedure?.categories}
                      severities={procedure?.severities}
                    />
                  ),
                }))}
              />
            )}
          </Card>
          <Card
            title={t('case.internalNote')}
            size="small"
            style={{ marginBottom: 16 }}
            extra={<Tag>{t('case.internalOnly')}</Tag>}
          >
            {note ? <ActionForm action={note} onSubmit={act(note.id)} /> : <p className="muted">{t('case.noNote')}</p>}
          </Card>
          <Card
            title={t('case.messageToSubmitter')}
            size="small"
            style={{ marginBottom: 16 }}
            extra={<Tag color="orange">{t('case.visibleToSubmitter')}</Tag>}
          >
            <StaffMessage caseId={c.id} onDone={refresh} />
          </Card>
          <Card title={t('case.attachments')} size="small" style={{ marginBottom: 16 }}>
            {c.attachments.length === 0 ? (
              <p className="muted">{t('case.none')}</p>
            ) : (
              c.attachments.map((a) => (
                <div key={a.id}>
                  <a href={`/api/v1/cases/${c.id}/attachments/${a.id}`}>{a.name}</a>{' '}
                  <span className="muted">
                    {Math.ceil(a.size / 1024)} KB {a.visibility ?? ''}
                  </span>
                </div>
              ))
            )}
          </Card>
          <CaseFollowUp
            caseId={c.id}
            unitId={(c as StaffCase & { orgUnitId?: string | null }).orgUnitId ?? null}
            mayPropose={c.mayProposeDisclosure === true}
          />
          <LinkedCases id={c.id} />
        </Col>
      </Row>
    </>
  );
}

function Entry({ e }: { e: StaffEntry }) {
  const { t, l } = useI18n();
  return (
    <div data-testid="timeline-entry">
      <div className="muted">
        {formatTime(e.at)} · {actorName(e.actor, t)} ·{' '}
        <strong data-testid="timeline-action">{eventLabel(e, t, l)}</strong>
        {e.fromStatus !== e.toStatus ? ` → ${l(e.toStatusLabel, e.toStatus)}` : ''}
      </div>
      {e.publicText && <div>{l(e.publicText)}</div>}
      {Object.entries(e.input).map(([k, v]) => (
        <div key={k} className="user-text">
          <span className="muted">{fieldLabel(k, e.inputLabels?.[k], t, l)}: </span>
          {fieldValue(k, v, e.valueLabels?.[k], t, l)}
        </div>
      ))}
      {e.clocks.map((d, i) => (
        <div key={i} className="muted">
          {l(d.label)}:{' '}
          {d.explanation ? (typeof d.explanation === 'string' ? d.explanation : l(d.explanation)) : formatTime(d.dueAt)}
        </div>
      ))}
    </div>
  );
}

type Revealed = { submitter: Record<string, string> | null; description?: string };

/**
 * S5 七.1 (issue 17): the statement with phone and ID numbers masked; after the audited "show"
 * (Parties below) it reads as written.
 */
function Statement({ c }: { c: StaffCase }) {
  const { t } = useI18n();
  const revealed = useMutationState({
    filters: { mutationKey: ['reveal', c.id], status: 'success' },
    select: (m) => m.state.data as Revealed | undefined,
  }).at(-1);
  return (
    <>
      <Typography.Paragraph className="user-text" data-testid="case-description">
        {revealed?.description ?? c.description}
      </Typography.Paragraph>
      {c.descriptionMasked && !revealed && (
        <p className="muted" data-testid="description-masked">
          {t('case.descriptionMasked')}
        </p>
      )}
    </>
  );
}

/** Submitter masked; "show" asks for a reason, and the server records each showing in the audit chain. */
function Parties({ c }: { c: StaffCase }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const reveal = useMutation({
    mutationKey: ['reveal', c.id],
    mutationFn: (v: { reason: string }) => api<Revealed>('POST', `/cases/${c.id}/identity`, { body: v }),
  });
  const shown = reveal.data?.submitter ?? c.submitter;
  return (
    <Card
      title={t('case.parties')}
      size="small"
      style={{ marginBottom: 16 }}
      extra={
        ((!c.anonymous && c.submitter) || c.descriptionMasked) &&
        !reveal.data && (
          <Button size="small" onClick={() => setOpen(true)}>
            {t('case.show')}
          </Button>
        )
      }
    >
      {c.anonymous ? (
        <Tag>{t('intake.anonymous')}</Tag>
      ) : shown ? (
        <Descriptions column={1} size="small" data-testid="submitter">
          {Object.entries(shown).map(([k, v]) => (
            <Descriptions.Item key={k} label={t(`intake.${k}`)}>
              {v}
            </Descriptions.Item>
          ))}
        </Descriptions>
      ) : (
        <p className="muted">{t('case.none')}</p>
      )}
      {reveal.data && <Tag color="red">{t('case.shownAudited')}</Tag>}
      <Typography.Text strong>{t('intake.respondents')}</Typography.Text>
      {c.respondents.length === 0 ? (
        <p className="muted">{t('case.none')}</p>
      ) : (
        <ul>
          {c.respondents.map((r, i) => (
            <li key={i}>
              <span className="user-text">{r.name}</span> ({t(`respondent.${r.type}`)}){' '}
              {r.userId ? (
                <Tag color="purple">{t('case.recused')}</Tag>
              ) : (
                <RespondentLink caseId={c.id} index={i} name={r.name} />
              )}
            </li>
          ))}
        </ul>
      )}
      <Modal open={open} title={t('case.showTitle')} onCancel={() => setOpen(false)} footer={null} destroyOnHidden>
        <Form name="reveal" layout="vertical" onFinish={(v) => reveal.mutate(v, { onSuccess: () => setOpen(false) })}>
          <Form.Item
            name="reason"
            label={t('case.showReason')}
            rules={[{ required: true, min: 2, message: t('form.minLength', { label: t('case.showReason'), n: 2 }) }]}
          >
            <Input />
          </Form.Item>
          <ErrorBox error={reveal.error} />
          <Button type="primary" htmlType="submit" loading={reveal.isPending}>
            {t('case.show')}
          </Button>
        </Form>
      </Modal>
    </Card>
  );
}

/** Recusal: a respondent who is a colleague is linked to their account and no longer sees the case. */
function RespondentLink({ caseId, index, name }: { caseId: string; index: number; name: string }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const link = useMutation({
    mutationFn: (v: { user: string }) => api('POST', `/cases/${caseId}/respondents/${index}/link`, { body: v }),
    onSuccess: async () => {
      setOpen(false);
      await client.invalidateQueries({ queryKey: ['case', caseId] });
    },
  });
  return (
    <>
      <Button size="small" type="link" onClick={() => setOpen(true)}>
        {t('case.linkRespondent')}
      </Button>
      <Modal
        open={open}
        title={`${t('case.linkRespondent')} · ${name}`}
        onCancel={() => setOpen(false)}
        footer={null}
        destroyOnHidden
      >
        <p className="muted">{t('case.linkRespondentHelp')}</p>
        <Form name={`link-respondent-${index}`} layout="vertical" onFinish={(v) => link.mutate(v)}>
          <Form.Item
            name="user"
            label={t('login.username')}
            rules={[{ required: true, whitespace: true, message: t('form.required', { label: t('login.username') }) }]}
          >
            <Input />
          </Form.Item>
          <ErrorBox error={link.error} />
          <Button type="primary" htmlType="submit" loading={link.isPending}>
            {t('case.linkRespondent')}
          </Button>
        </Form>
      </Modal>
    </>
  );
}

function StaffMessage({ caseId, onDone }: { caseId: string; onDone(): Promise<void> }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const send = useMutation({
    mutationFn: (v: { text: string }) => api('POST', `/cases/${caseId}/messages`, { body: v }),
    onSuccess: async () => {
      form.resetFields();
      await onDone();
    },
  });
  return (
    <Form form={form} name="staff-message" layout="vertical" onFinish={(v) => send.mutate(v)}>
      <CannedReplyPicker caseId={caseId} onPick={(text) => form.setFieldValue('text', text)} />
      <Form.Item
        name="text"
        label={t('case.messageText')}
        rules={[{ required: true, whitespace: true, message: t('form.required', { label: t('case.messageText') }) }]}
      >
        <Input.TextArea rows={3} maxLength={5000} />
      </Form.Item>
      <ErrorBox error={send.error} />
      <Button htmlType="submit" loading={send.isPending}>
        {t('case.sendMessage')}
      </Button>
    </Form>
  );
}

function LinkedCases({ id }: { id: string }) {
  const { t, l } = useI18n();
  const linked = useQuery({
    queryKey: ['same-submitter', id],
    queryFn: () =>
      api<{ items: { id: string; trackingNo: string; subject: string; status: string; statusLabel?: Label }[] }>(
        'GET',
        `/cases/${id}/same-submitter`,
      ),
  });
  return (
    <Card title={t('case.linked')} size="small">
      <ErrorBox error={linked.error} />
      {linked.isLoading ? (
        <Skeleton active paragraph={{ rows: 1 }} />
      ) : (linked.data?.items.length ?? 0) === 0 ? (
        <p className="muted">{t('case.none')}</p>
      ) : (
        <ul className="linked-cases">
          {linked.data!.items.map((x) => (
            <li key={x.id}>
              <Link to={`/staff/cases/${x.id}`}>{x.trackingNo}</Link> <span className="user-text">{x.subject}</span>{' '}
              <Tag>{l(x.statusLabel, t('value.unknown'))}</Tag>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

/** The case's data as rows: the intake's own fields (`fields`) one by one, then the rest. */
function caseDataEntries(data: Record<string, unknown>): [string, unknown][] {
  const { fields, ...rest } = data as { fields?: Record<string, unknown> };
  return [
    ...Object.entries(fields ?? {}).map(([k, v]) => [`fields.${k}`, v] as [string, unknown]),
    ...Object.entries(rest),
  ];
}

/**
 * Who did a step, in words (#18): a person by name; the system's own channels (portal, mail …) and
 * jobs by the locale's name, never their ids.
 */
export function actorName(a: { kind: string; name: string | null }, t: (key: string) => string): string {
  if (a.kind === 'user' && a.name) return a.name;
  if (a.name) {
    const key = `actor.${a.kind}.${a.name}`;
    const named = t(key);
    if (named !== key) return named;
  }
  return t(`actor.${a.kind}`);
}
