# Varnish in front of several Referatportalen web processes (scripts/serve.ts).
#
# Varnish is the shared page cache: it keeps every page the portal marks shareable
# (Cache-Control s-maxage) for at most a safety TTL and forgets pages as soon as the data they
# show changes. Each web process bans the changed pages here (BAN request, see
# lib/varnish/ban-pages.ts) right after its own page cache forgot them, so a page Varnish fetches
# again can no longer come from a stale process.
#
# Backends are not in this file: `backends.vcl` (found through varnishd's vcl_path) defines
# them and adds each one to the `portal` director. `npm run varnish` writes one for its
# processes; deploy/varnish/backends.example.vcl is the template for a real machine.
vcl 4.1;

import directors;

# Who may send BAN requests: the web processes on this machine.
acl banners {
    "127.0.0.1";
    "::1";
}

sub vcl_init {
    new portal = directors.round_robin();
}

include "backends.vcl";

sub vcl_recv {
    if (req.method == "BAN") {
        if (client.ip !~ banners) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.X-Ban-Url) {
            return (synth(400, "X-Ban-Url missing"));
        }
        # Lurker-friendly: the expression only looks at the stored object (obj.http.*).
        ban("obj.http.X-Url ~ " + req.http.X-Ban-Url);
        return (synth(200, "Banned"));
    }
    set req.backend_hint = portal.backend();
    # Tracking parameters never change a page; dropping them keeps shared links cache hits.
    if (req.url ~ "[?&](utm_[a-z]+|fbclid|gclid|msclkid|mc_cid|mc_eid)=") {
        set req.url = regsuball(req.url, "(?<=[?&])(utm_[a-z]+|fbclid|gclid|msclkid|mc_cid|mc_eid)=[^&]*&?", "");
        set req.url = regsub(req.url, "[?&]$", "");
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Everything else follows Varnish's built-in rules (credentials and cookies are passed).
}

sub vcl_backend_response {
    # Remembered with the object so bans can match its URL (removed again on delivery).
    set beresp.http.X-Url = bereq.url;
    if (beresp.ttl > 0s && beresp.http.Cache-Control ~ "s-maxage" && beresp.http.Cache-Control !~ "(private|no-store|no-cache)") {
        # Pages change only when the data does, and then they are banned; the TTL is a safety
        # net for a ban that never arrived (a web process that was down when the data changed).
        set beresp.ttl = 10m;
        set beresp.grace = 10s;
    }
}

sub vcl_deliver {
    unset resp.http.X-Url;
    unset resp.http.X-Varnish;
    unset resp.http.Via;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}

# Varnish's own answers (ban replies, 503 when no web process answers) carry the same
# security headers as the portal's.
sub portal_security_headers {
    set resp.http.Content-Security-Policy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";
    set resp.http.X-Content-Type-Options = "nosniff";
    set resp.http.Referrer-Policy = "strict-origin-when-cross-origin";
    set resp.http.X-Frame-Options = "DENY";
}

sub vcl_synth {
    call portal_security_headers;
    unset resp.http.X-Varnish;
    set resp.http.Content-Type = "text/plain; charset=utf-8";
    if (resp.status == 503) {
        set resp.body = "Portalen svarer ikke lige nu. Prøv igen om lidt.";
    } else {
        set resp.body = resp.reason;
    }
    return (deliver);
}

sub vcl_backend_error {
    set beresp.http.Content-Security-Policy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";
    set beresp.http.X-Content-Type-Options = "nosniff";
    set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
    set beresp.http.X-Frame-Options = "DENY";
    set beresp.http.Content-Type = "text/plain; charset=utf-8";
    set beresp.body = "Portalen svarer ikke lige nu. Prøv igen om lidt.";
    return (deliver);
}
