#!/bin/sh
# Wait (bounded) for certbot's certificate, then run nginx in the foreground.
set -eu
cert=/etc/letsencrypt/live/space-pearl/fullchain.pem
i=0
while [ ! -s "$cert" ]; do
  i=$((i + 1))
  if [ "$i" -gt 120 ]; then echo "proxy: no certificate at $cert after 60 s" >&2; exit 1; fi
  sleep 0.5
done
exec nginx -c /etc/nginx/pearl/nginx.conf -g 'daemon off;'
