import { useCallback, useEffect, useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../api';
import { useToast } from './toast.component';

export type SaveState = 'saved' | 'dirty' | 'saving' | 'error';

/** A page's one state from its fields' (error, then saving, then dirty, else saved): what its header says. */
export function combinedSaveState(states: readonly SaveState[]): SaveState {
  return states.find((s) => s === 'error') ?? states.find((s) => s === 'saving') ?? states.find((s) => s === 'dirty') ?? 'saved';
}

/**
 * A record page's save (aftale, helhedsplan, styringsdialog): `write` sends
 * the changed fields; `save` says a failure in a toast and rejects, so
 * useAutosavedText keeps the text unsaved; `saveQuietly` is for choices and
 * dates, where the toast is all there is to do.
 */
export function useRecordSave<C>(write: (changes: C) => Promise<unknown>) {
  const { t } = useTranslation();
  const toast = useToast();
  const save = (changes: C) =>
    write(changes).catch((error: unknown) => {
      toast.show(describeError(t, error), { tone: 'error' });
      throw error;
    });
  const saveQuietly = (changes: C) => void save(changes).catch(() => undefined);
  return { save, saveQuietly };
}

const prefix = 'kredsbog.draft.';
const debounceMs = 400;
const retryMs = 2000;

function readDraft(key: string): string | null {
  try {
    return window.localStorage.getItem(prefix + key);
  } catch {
    return null;
  }
}

function writeDraft(key: string, value: string | null): void {
  try {
    if (value === null) window.localStorage.removeItem(prefix + key);
    else window.localStorage.setItem(prefix + key, value);
  } catch {
    // Storage full or disabled: the debounced save below still runs.
  }
}

/**
 * Text that saves itself. Every keystroke is written at once to a local draft
 * (survives a reload or a renderer crash) and, debounced, to the database;
 * blur, leaving the page and closing the window flush immediately. A draft
 * found on mount (the last save never happened) wins over the stored value
 * and is saved. So at most the last moment of typing can be lost. Bind a
 * field with `<textarea {...text.field} />`.
 */
export function useAutosavedText(key: string, storedValue: string, save: (value: string) => Promise<unknown>) {
  const draft = readDraft(key);
  const [value, setValue] = useState(draft ?? storedValue);
  const [state, setState] = useState<SaveState>(draft !== null && draft !== storedValue ? 'dirty' : 'saved');
  const latest = useRef(value);
  const saved = useRef(storedValue);
  const timer = useRef<number | undefined>(undefined);
  const saveRef = useRef(save);
  saveRef.current = save;

  const flush = useCallback(async () => {
    window.clearTimeout(timer.current);
    const current = latest.current;
    if (current === saved.current) {
      writeDraft(key, null);
      setState('saved');
      return;
    }
    setState('saving');
    try {
      await saveRef.current(current);
      saved.current = current;
      if (latest.current === current) {
        writeDraft(key, null);
        setState('saved');
      }
    } catch {
      setState('error');
      timer.current = window.setTimeout(() => void flush(), retryMs);
    }
  }, [key]);

  const onChange = useCallback(
    (next: string) => {
      setValue(next);
      latest.current = next;
      writeDraft(key, next);
      setState('dirty');
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => void flush(), debounceMs);
    },
    [key, flush],
  );

  useEffect(() => {
    if (draft !== null && draft !== storedValue) void flush();
    const onLeave = () => void flush();
    window.addEventListener('pagehide', onLeave);
    window.addEventListener('beforeunload', onLeave);
    const onHidden = () => document.visibilityState === 'hidden' && onLeave();
    document.addEventListener('visibilitychange', onHidden);
    return () => {
      window.removeEventListener('pagehide', onLeave);
      window.removeEventListener('beforeunload', onLeave);
      document.removeEventListener('visibilitychange', onHidden);
      void flush();
    };
    // Mount/unmount only: the draft check must run once per field.
  }, [key]);

  /** Spread on the <input> or <textarea>: typing saves itself, leaving the field saves at once. */
  const field = { value, onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => onChange(e.target.value), onBlur: () => void flush() };
  return { value, onChange, flush, state, field };
}
