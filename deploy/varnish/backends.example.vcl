# Template for backends.vcl: one backend per web process (`PORT=3001 npm start`, …), each
# checked by a health probe and added to the round-robin director declared in
# referatportalen.vcl. `npm run varnish` writes its own copy of this file.
backend web1 {
    .host = "127.0.0.1";
    .port = "3001";
    .probe = { .url = "/robots.txt"; .interval = 2s; .timeout = 2s; .window = 3; .threshold = 2; }
}

backend web2 {
    .host = "127.0.0.1";
    .port = "3002";
    .probe = { .url = "/robots.txt"; .interval = 2s; .timeout = 2s; .window = 3; .threshold = 2; }
}

sub vcl_init {
    portal.add_backend(web1);
    portal.add_backend(web2);
}
