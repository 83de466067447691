# Varnish 7 in front of Factbase, purged by reader key (docs/deploying.md, sections 8-9).
#
#   apt-get install varnish varnish-modules      # the xkey vmod is in varnish-modules
#   varnishd -f /etc/varnish/factbase.vcl -a :80 -s malloc,1G
#
# and on the Factbase side:  CACHE_PURGE_URLS=http://varnish-host:80/
# Factbase names what each anonymous answer shows in Surrogate-Key; every write readers
# can see sends PURGE with the keys it changed in xkey-purge, and Varnish drops exactly the
# answers that carry one of them. How long a copy lives and how long it may be served
# stale come from Factbase's own Cache-Control (s-maxage, stale-while-revalidate,
# stale-if-error), which Varnish reads as TTL and grace.
vcl 4.1;

import xkey;

backend factbase {
    .host = "127.0.0.1";
    .port = "8000";
    # The probe's Host header: a name in Factbase's ALLOWED_HOSTS, or /healthz answers 400
    # and Varnish takes the backend for sick (503 to every reader).
    .host_header = "localhost";
    .probe = {
        .url = "/healthz";
        .interval = 5s;
        .timeout = 2s;
        .window = 5;
        .threshold = 3;
    }
}

# Who may purge: the hosts Factbase runs on.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "No xkey-purge header"));
        }
        set req.http.n-gone = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.n-gone));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/admin/" || req.url ~ "^/(healthz|readyz)$") {
        return (pass);
    }
    # Signed in (Django's session or messages cookie, or an API token): never from the
    # cache. Rename "sessionid" here if SESSION_COOKIE_NAME is set otherwise.
    if (req.http.Authorization || req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }
    # Anonymous readers share one copy whatever other cookies (analytics) they carry.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    # xkey indexes the keys it finds in the xkey header.
    if (beresp.http.Surrogate-Key) {
        set beresp.http.xkey = beresp.http.Surrogate-Key;
    }
    # Factbase marks what must not be shared private or no-store; Varnish's built-in
    # vcl_backend_response then makes it uncacheable.
}

sub vcl_deliver {
    # The keys are for the cache, not for readers.
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
    # What is left of one client's API rate is not another's: a copy from the cache
    # carries the policy only (RateLimit-Policy), not the count (RateLimit).
    if (obj.hits > 0) {
        unset resp.http.RateLimit;
    }
}
