import { useQuery } from '@tanstack/react-query';
import { Button, Typography } from 'antd';
import { api } from '../api.ts';
import { useI18n, type Label } from '../i18n.tsx';

/** Issue 21: what GET /cases/{id}/suggestions answers per field (docs/triage.md). */
export type TriageField = 'category' | 'severity' | 'unit';
type Suggestion = { value: string; label: Label; confidence: number; because: string[] };
type Suggestions = Partial<Record<TriageField, Suggestion>>;

/** The suggestions for a case; a reader the server refuses simply gets none. */
export function useSuggestions(caseId: string | undefined) {
  return useQuery({
    queryKey: ['suggestions', caseId],
    queryFn: () => api<Suggestions>('GET', `/cases/${caseId}/suggestions`),
    enabled: Boolean(caseId),
    retry: false,
  });
}

/**
 * After a step that set a suggested field, what the handler chose is recorded against what was
 * suggested (accepted or overridden), for the acceptance rate. A record, not the step: never an error.
 */
export function recordChoices(
  caseId: string,
  suggestions: Suggestions | undefined,
  chosen: Partial<Record<TriageField, unknown>>,
) {
  for (const [field, value] of Object.entries(chosen) as [TriageField, unknown][]) {
    if (!suggestions?.[field] || typeof value !== 'string' || !value) continue;
    void api('POST', `/cases/${caseId}/suggestions/${field}`, { body: { chosen: value } }).catch(() => undefined);
  }
}

/** "建议：商品质量（82%）· 依据：漏电、退货 [采用]" under a step's form; one click fills the field. */
export function SuggestionLine({
  field,
  suggestion,
  onAccept,
}: {
  field: TriageField;
  suggestion: Suggestion;
  onAccept(value: string): void;
}) {
  const { t, l } = useI18n();
  return (
    <div className="suggestion" data-testid={`suggestion-${field}`}>
      <Typography.Text type="secondary">
        {t(`triage.suggested.${field}`)}：<strong className="user-text">{l(suggestion.label, suggestion.value)}</strong>
        （{Math.round(suggestion.confidence * 100)}%）
        {suggestion.because.length > 0 && (
          <>
            {' '}
            · {t('triage.because')}：<span className="user-text">{suggestion.because.join('、')}</span>
          </>
        )}
      </Typography.Text>{' '}
      <Button size="small" type="link" onClick={() => onAccept(suggestion.value)}>
        {t('triage.accept')}
      </Button>
    </div>
  );
}
