#!/bin/sh
# Generates the TLS material of the security integration tests into $1 with the openssl CLI (nothing is
# committed): a CA, a broker key store for localhost/127.0.0.1 (PEM: PKCS#8 key encrypted with "keypass" and the
# certificate chain, KIP-651), a client certificate signed by the CA (mutual TLS), and a second, untrusted CA
# with a client certificate of its own.
set -eu
dir=$1
cd "$dir"
days=30
quiet() { "$@" >/dev/null 2>&1 || { echo "make_test_certs: failed: $*" >&2; "$@"; exit 1; }; }

quiet openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days $days -subj "/CN=Partita Test CA"
quiet openssl req -x509 -newkey rsa:2048 -nodes -keyout other-ca.key -out other-ca.pem -days $days \
  -subj "/CN=Untrusted CA"

cat > san.ext <<'EXT'
subjectAltName=DNS:localhost,IP:127.0.0.1
EXT
quiet openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj "/CN=localhost/O=Partita"
quiet openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.crt -days $days \
  -extfile san.ext
# KIP-651 PEM key store: encrypted PKCS#8 key, then the chain.
quiet openssl pkcs8 -topk8 -in server.key -out server-enc.key -passout pass:keypass -v2 aes-256-cbc
cat server-enc.key server.crt ca.pem > server-keystore.pem
cat server.key server.crt > server-plain-keystore.pem

client() {  # name ca subject
  quiet openssl req -newkey rsa:2048 -nodes -keyout "$1.key" -out "$1.csr" -subj "$3"
  quiet openssl x509 -req -in "$1.csr" -CA "$2.pem" -CAkey "$2.key" -CAcreateserial -out "$1.crt" -days $days
}
client client ca "/CN=alice/OU=eng/O=Acme"
client stranger other-ca "/CN=mallory"
# A trusted certificate that names no host: a broker using it fails the clients' host name check.
cat client.key client.crt > client-keystore.pem
echo ok
