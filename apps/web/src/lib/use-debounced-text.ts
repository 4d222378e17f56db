import { useEffect, useEffectEvent, useState } from 'react';

/**
 * A text field whose value is committed elsewhere (the URL) once the user pauses typing.
 * The field follows the committed value when it changes from outside (back button, reset),
 * without fighting the user's own spaces.
 */
export function useDebouncedText(
  committed: string,
  commit: (value: string) => void,
  delayMs = 300,
) {
  const [text, setText] = useState(committed);
  const [lastCommitted, setLastCommitted] = useState(committed);
  if (committed !== lastCommitted) {
    setLastCommitted(committed);
    if (committed !== text.trim()) setText(committed);
  }
  const onPause = useEffectEvent((value: string) => commit(value));
  useEffect(() => {
    const value = text.trim();
    if (value === committed) return;
    const timer = setTimeout(() => onPause(value), delayMs);
    return () => clearTimeout(timer);
  }, [text, committed, delayMs]);
  return [text, setText] as const;
}
