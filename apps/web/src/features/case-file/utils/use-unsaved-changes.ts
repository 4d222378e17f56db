import { useCallback, useEffect, useState } from 'react';
import { useBlocker } from 'react-router';

/**
 * Tracks which forms of the page hold unsaved input. While any does, leaving the page inside
 * the app is blocked (the caller asks for confirmation) and closing the tab asks the browser
 * to warn.
 */
export function useUnsavedChanges() {
  const [dirtyForms, setDirtyForms] = useState<ReadonlySet<string>>(() => new Set());
  const dirty = dirtyForms.size > 0;

  const setDirty = useCallback((formId: string, isDirty: boolean) => {
    setDirtyForms((current) => {
      if (current.has(formId) === isDirty) return current;
      const next = new Set(current);
      if (isDirty) next.add(formId);
      else next.delete(formId);
      return next;
    });
  }, []);

  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirty && currentLocation.pathname !== nextLocation.pathname,
  );

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers need a value to show their own warning.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  return { dirty, setDirty, blocker };
}
