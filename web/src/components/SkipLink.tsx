import type { MouseEvent } from 'react';
import { useI18n } from '../i18n.tsx';

/**
 * The first thing a keyboard reaches (#27, WCAG 2.4.1): past the top bar's links straight to the
 * page's content, which carries id="main". Hidden until it has the focus. The focus is moved by
 * hand: following "#main" alone scrolls there in Chromium but leaves the focus on the link.
 */
export function SkipLink() {
  const { t } = useI18n();
  const skip = (e: MouseEvent<HTMLAnchorElement>) => {
    const main = document.getElementById('main');
    if (!main) return;
    e.preventDefault();
    main.focus();
    main.scrollIntoView();
  };
  return (
    // biome-ignore lint/a11y/useValidAnchor: a skip link is a link to #main by convention; the click only also moves the focus
    <a className="skip-link" href="#main" onClick={skip}>
      {t('app.skipToContent')}
    </a>
  );
}
