#!/usr/bin/env bash
# Makes test certificates with the openssl CLI in DIR: a private CA (ca.pem), and leaves with one
# key (leaf.key): localhost.pem (DNS:localhost, IP:127.0.0.1, IP:::1), other.pem (DNS:wisp.test),
# expired.pem (like localhost.pem, ended yesterday), self.pem (localhost, signed by itself).
# usage: make_certs.sh DIR
set -euo pipefail
DIR="$1"
mkdir -p "$DIR"
cd "$DIR"
EC=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes)
openssl req -x509 "${EC[@]}" -keyout ca.key -out ca.pem -days 30 -subj "/CN=wisp interop CA" 2>/dev/null
openssl req "${EC[@]}" -keyout leaf.key -out leaf.csr -subj "/CN=localhost" 2>/dev/null
echo "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1" >local.ext
echo "subjectAltName=DNS:wisp.test" >other.ext
sign() { openssl x509 -req -in leaf.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out "$1" -days "$2" -extfile "$3" 2>/dev/null; }
sign localhost.pem 30 local.ext
sign other.pem 30 other.ext
sign expired.pem -1 local.ext
openssl x509 -req -in leaf.csr -signkey leaf.key -out self.pem -days 30 -extfile local.ext 2>/dev/null
