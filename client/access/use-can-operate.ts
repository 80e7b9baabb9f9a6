import { useState } from 'react';
import { operatorToken } from '../net/operator-token';
import { canOperate } from './access';
import { useSessionStore } from './session.store';

/** Whether this tab may send operator commands: an operator or admin session, or an operator token as before. */
export function useCanOperate(): boolean {
  const principal = useSessionStore((s) => s.principal);
  // Read once per mount: operatorToken() also moves a token from the URL into the tab's storage.
  const [hasToken] = useState(() => operatorToken() !== undefined);
  return canOperate(principal, hasToken);
}
