#!/bin/sh
# Certificates for the proxy: certbot's own when it has issued them, otherwise a
# self-signed one (no ACME server is reachable from a development machine or CI).
set -eu
domain=${DOMAIN:-space-pearl.localhost}
live=/etc/letsencrypt/live/space-pearl
mkdir -p "$live"
if [ ! -s "$live/fullchain.pem" ] || [ ! -s "$live/privkey.pem" ]; then
  if command -v openssl >/dev/null 2>&1; then
    openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=$domain" \
      -addext "subjectAltName=DNS:$domain,DNS:localhost,IP:127.0.0.1" \
      -keyout "$live/privkey.pem" -out "$live/fullchain.pem" 2>/dev/null
  else
    python3 - "$domain" "$live" <<'PY'
import datetime, ipaddress, sys
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
domain, live = sys.argv[1], sys.argv[2]
key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, domain)])
now = datetime.datetime.now(datetime.timezone.utc)
san = x509.SubjectAlternativeName([x509.DNSName(domain), x509.DNSName("localhost"),
                                   x509.IPAddress(ipaddress.ip_address("127.0.0.1"))])
cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(now)
        .not_valid_after(now + datetime.timedelta(days=30)).add_extension(san, critical=False)
        .sign(key, hashes.SHA256()))
open(f"{live}/privkey.pem", "wb").write(key.private_bytes(serialization.Encoding.PEM,
     serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()))
open(f"{live}/fullchain.pem", "wb").write(cert.public_bytes(serialization.Encoding.PEM))
PY
  fi
  chmod 0644 "$live/fullchain.pem" "$live/privkey.pem"
  echo "certbot: issued a self-signed certificate for $domain"
fi
trap 'exit 0' TERM INT
while :; do
  if command -v certbot >/dev/null 2>&1; then certbot renew --quiet || true; fi
  sleep 43200 &
  wait $!
done
