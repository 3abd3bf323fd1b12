import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useCallback, useDeferredValue, useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import type { SearchHit, Snippet } from '../../../common/search.domain';
import { foldDanish, queryTokens } from '../../../common/text-fold';
import { searchKinds } from '../../../common/vocabulary';
import { call } from '../api';
import { LazyContactLogDialog } from './contact-log.lazy';
import { Modal } from './modal.component';
import { formatDate, formatInstantDate } from '../format';

/**
 * Ctrl/Cmd+K: one box that finds anything (kommuner, organisations, contacts,
 * meetings, agenda items and minutes, follow-ups) as you type, and runs
 * commands ("Nyt møde", "Eksportér …"). Keyboard first: ↑/↓, Enter, Esc.
 */
interface Command {
  readonly key: string;
  /** Where it goes; or `logContact`: opens "Log kontakt" (a dialog, not a page). */
  readonly href: string | { readonly action: 'logContact' };
}

// Adding a command? Add its label under palette.commands in the i18n files.
const commands: readonly Command[] = [
  { key: 'newMeeting', href: '/moeder/ny' },
  { key: 'logContact', href: { action: 'logContact' } },
  { key: 'newContact', href: '/kontakter/ny' },
  { key: 'newOrganisation', href: '/organisationer/ny' },
  { key: 'newSeries', href: '/moederaekker/ny' },
  { key: 'exportSync', href: '/synkronisering' },
  { key: 'importSync', href: '/synkronisering' },
  { key: 'duplicates', href: '/dubletter' },
  { key: 'calendar', href: '/kalender' },
  { key: 'followUps', href: '/opfoelgning' },
  { key: 'settings', href: '/indstillinger' },
];

type Option = { readonly id: string; readonly href: Command['href']; readonly group: string; readonly render: ReactNode };

function commandMatches(label: string, tokens: readonly string[]): boolean {
  const words = foldDanish(label).split(/[^\p{L}\p{N}]+/u);
  return tokens.every((token) => words.some((word) => word.startsWith(token)));
}

function Marked({ pieces }: { readonly pieces: Snippet }) {
  return (
    <>
      {pieces.map((piece, i) => (piece.hit ? <mark key={i}>{piece.text}</mark> : <span key={i}>{piece.text}</span>))}
    </>
  );
}

export function CommandPalette() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [logging, setLogging] = useState(false);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        setOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <>
      <button type="button" className="palette-trigger" onClick={() => setOpen(true)} aria-keyshortcuts="Control+K Meta+K">
        <span aria-hidden="true">⌕</span> {t('palette.open')}
        <kbd>{t('palette.shortcut')}</kbd>
      </button>
      {open ? <PaletteDialog onClose={() => setOpen(false)} onLogContact={() => setLogging(true)} /> : null}
      {logging ? <LazyContactLogDialog target={{}} onClose={() => setLogging(false)} /> : null}
    </>
  );
}

function PaletteDialog({ onClose, onLogContact }: { readonly onClose: () => void; readonly onLogContact: () => void }) {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const deferred = useDeferredValue(query.trim());
  const listId = useId();
  const results = useQuery({
    queryKey: ['search.query', deferred],
    queryFn: () => call('search.query', { query: deferred }),
    enabled: deferred.length > 0,
    placeholderData: keepPreviousData,
  });

  const tokens = useMemo(() => queryTokens(deferred), [deferred]);
  const options = useMemo<Option[]>(() => {
    const list: Option[] = [];
    for (const command of commands) {
      const label = t(`palette.commands.${command.key}`);
      if (tokens.length === 0 || commandMatches(label, tokens)) list.push({ id: `cmd-${command.key}`, href: command.href, group: t('palette.commandsGroup'), render: <span className="palette__title">{label}</span> });
    }
    if (tokens.length > 0 && results.data) {
      for (const kind of searchKinds) {
        for (const hit of results.data.hits.filter((h) => h.kind === kind)) list.push({ id: `${hit.kind}-${hit.id}`, href: hit.href, group: t(`palette.groups.${kind}`), render: <HitView hit={hit} /> });
      }
    }
    return list;
  }, [tokens, results.data, t]);

  useEffect(() => setActive(0), [deferred]);
  const go = useCallback(
    (option: Option | undefined) => {
      if (!option) return;
      onClose();
      if (typeof option.href === 'string') navigate(option.href);
      else onLogContact();
    },
    [navigate, onClose, onLogContact],
  );

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive((i) => Math.min(options.length - 1, i + 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((i) => Math.max(0, i - 1));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      go(options[active]);
    }
  };

  useEffect(() => {
    // jsdom has no layout and no scrollIntoView.
    const element = document.getElementById(`${listId}-${active}`);
    if (element && 'scrollIntoView' in element && typeof element.scrollIntoView === 'function') element.scrollIntoView({ block: 'nearest' });
  }, [active, listId]);

  let lastGroup = '';
  return (
    <Modal title={t('palette.label')} heading="hidden" onClose={onClose} className="palette" onKeyDown={onKeyDown}>
        <input
          data-autofocus
          className="palette__input"
          role="combobox"
          aria-expanded={options.length > 0}
          aria-controls={listId}
          aria-activedescendant={options.length ? `${listId}-${active}` : undefined}
          aria-label={t('palette.label')}
          placeholder={t('palette.placeholder')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <ul className="palette__list" id={listId} role="listbox" aria-label={t('palette.results')}>
          {options.map((option, index) => {
            const header = option.group !== lastGroup ? option.group : null;
            lastGroup = option.group;
            return (
              <li key={option.id} role="presentation">
                {header ? (
                  <div className="palette__group" role="presentation">
                    {header}
                  </div>
                ) : null}
                <div
                  id={`${listId}-${index}`}
                  role="option"
                  aria-selected={index === active}
                  className={index === active ? 'palette__option palette__option--active' : 'palette__option'}
                  onMouseMove={() => setActive(index)}
                  onClick={() => go(option)}
                >
                  {option.render}
                </div>
              </li>
            );
          })}
        </ul>
        {tokens.length > 0 && results.data && results.data.hits.length === 0 && !results.isFetching ? <p className="palette__empty">{t('palette.noResults', { query: deferred })}</p> : null}
        <p className="palette__hint">{t('palette.hint')}</p>
    </Modal>
  );
}

function HitView({ hit }: { readonly hit: SearchHit }) {
  const date = hit.date ? (hit.date.length === 10 ? formatDate(hit.date) : formatInstantDate(hit.date)) : null;
  const context = [hit.context, date].filter(Boolean).join(' · ');
  return (
    <>
      <span className="palette__title">
        <Marked pieces={hit.title} />
      </span>
      {context ? <span className="palette__context">{context}</span> : null}
      {hit.snippet.length ? (
        <span className="palette__snippet">
          <Marked pieces={hit.snippet} />
        </span>
      ) : null}
    </>
  );
}
