import { useRef } from 'react';
import { useI18n } from '../i18n.tsx';

/**
 * Attachments chosen before sending (#27: antd's Upload as a native file input): the input is the
 * "选择文件" button's own control, so the button reads in the page's language whatever the
 * browser's; chosen files are listed, each with its remove button. Nothing is sent until the form is.
 */
export function FilePicker({
  id,
  label,
  help,
  files,
  onChange,
}: {
  id: string;
  label: string;
  help?: string;
  files: File[];
  onChange(files: File[]): void;
}) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className="field">
      <span className="field-label" id={`${id}_label`}>
        {label}
      </span>
      <input
        ref={input}
        type="file"
        multiple
        id={id}
        className="file-input"
        aria-labelledby={`${id}_label ${id}_button`}
        aria-describedby={help ? `${id}_help` : undefined}
        onChange={(e) => {
          onChange([...files, ...Array.from(e.target.files ?? [])]);
          // The same file can be chosen again after it was removed.
          e.target.value = '';
        }}
      />
      <label htmlFor={id} className="btn file-button" id={`${id}_button`}>
        {t('intake.chooseFiles')}
      </label>
      {help ? (
        <div id={`${id}_help`} className="field-help">
          {help}
        </div>
      ) : null}
      {files.length > 0 && (
        <ul className="file-list">
          {files.map((f, i) => (
            <li key={i}>
              <span className="user-text">{f.name}</span>
              <button
                type="button"
                className="btn btn-link btn-danger"
                aria-label={`${t('form.remove')} ${f.name}`}
                onClick={() => {
                  onChange(files.filter((_, j) => j !== i));
                  input.current?.focus();
                }}
              >
                {t('form.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
