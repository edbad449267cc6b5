import { useCallback, useEffect, useMemo, useState, type ReactNode } from "react";
import { useLocation, useNavigate } from "react-router";
import { apiFetch, setCsrfToken, setUnauthenticatedHandler } from "../api/client.ts";
import type { MeResponse, Org, SessionUser } from "../api/types.ts";
import { SessionContext, type SessionState } from "../hooks/useSession.ts";
import { setServerClock } from "./DeadlineLamp.tsx";

const PUBLIC_PATHS = ["/login", "/setup"];

/** Probes setup and the session once, then keeps the signed-in user; any 401 sends the user to login. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const navigate = useNavigate();
  const location = useLocation();
  const [user, setUser] = useState<SessionUser | null>(null);
  const [orgs, setOrgs] = useState<Org[]>([]);
  const [isLoading, setIsLoading] = useState(true);
  const [notice, setNotice] = useState<string | null>(null);
  const [needsSetup, setNeedsSetup] = useState(false);
  const [mustChangePassword, setMustChangePassword] = useState(false);

  const loadMe = useCallback(async (): Promise<boolean> => {
    try {
      const me = await apiFetch<MeResponse>("/api/auth/me", { isAuthProbe: true });
      setCsrfToken(me.csrfToken);
      setServerClock(me.clock);
      setUser(me.user);
      setOrgs(me.orgs);
      setMustChangePassword(me.mustChangePassword === true);
      return true;
    } catch {
      setCsrfToken(null);
      setUser(null);
      setOrgs([]);
      return false;
    }
  }, []);

  useEffect(() => {
    let isCancelled = false;
    (async () => {
      try {
        const setup = await apiFetch<{ needsSetup: boolean }>("/api/setup", { isAuthProbe: true });
        if (setup.needsSetup) {
          if (!isCancelled) {
            setNeedsSetup(true);
            setIsLoading(false);
          }
          return;
        }
      } catch {
        // The login page shows the connection problem when the user tries to sign in.
      }
      const isSignedIn = await loadMe();
      if (isCancelled) return;
      setIsLoading(false);
      if (!isSignedIn && !PUBLIC_PATHS.includes(location.pathname)) {
        navigate(`/login?next=${encodeURIComponent(location.pathname + location.search)}`, { replace: true });
      }
    })();
    return () => {
      isCancelled = true;
    };
    // Runs once at start on purpose: later navigation is handled by the pages.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    setUnauthenticatedHandler((message) => {
      setCsrfToken(null);
      setUser(null);
      setNotice(message || "登录已过期，请重新登录");
      navigate("/login", { replace: true });
    });
    return () => setUnauthenticatedHandler(null);
  }, [navigate]);

  const value = useMemo<SessionState>(
    () => ({
      user,
      orgs,
      isLoading,
      needsSetup,
      notice,
      mustChangePassword,
      async signIn(nextUser, csrfToken) {
        setNeedsSetup(false);
        setCsrfToken(csrfToken);
        setUser(nextUser);
        setNotice(null);
        await loadMe();
      },
      async signOut(message) {
        try {
          await apiFetch("/api/auth/logout", { method: "POST", isAuthProbe: true });
        } finally {
          setCsrfToken(null);
          setUser(null);
          setOrgs([]);
          setNotice(message ?? null);
          navigate("/login", { replace: true });
        }
      },
      async refresh() {
        await loadMe();
      },
    }),
    [user, orgs, isLoading, needsSetup, notice, mustChangePassword, loadMe, navigate],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
