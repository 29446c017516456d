import { portalAlerts } from "@/lib/alerts/portal-alerts";

export const dynamic = "force-dynamic";

/**
 * POST /api/abonnement/afmeld?id=&sig=: unsubscribe. A mail client's RFC 8058 one-click request
 * (body `List-Unsubscribe=One-Click`) gets 200; the button on /abonnement/afmeld is sent on to
 * the page's answer (303). An invalid signature is a 400 that changes nothing.
 */
export async function POST(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const body = await request.text().catch(() => "");
  const isOneClick = new URLSearchParams(body.slice(0, 1000)).get("List-Unsubscribe") === "One-Click";
  const ok = await portalAlerts.unsubscribe(url.searchParams.get("id") ?? "", url.searchParams.get("sig") ?? "");
  if (isOneClick) {
    return new Response(ok ? "Du er afmeldt." : "Linket er ugyldigt.", {
      status: ok ? 200 : 400,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  return new Response(null, { status: 303, headers: { Location: `/abonnement/afmeld?status=${ok ? "afmeldt" : "ugyldigt"}`, "Cache-Control": "no-store" } });
}
